using System.Text;

namespace IrisPgWire.Sql;

/// <summary>
/// SET, SHOW and RESET (manual pages "SET", "SHOW", "RESET"; gram.y VariableSetStmt, VariableShowStmt,
/// VariableResetStmt). The cursor stands just after the command word.
/// </summary>
internal static class SetStatementParser
{
    /// <summary>
    /// SET [SESSION | LOCAL] followed by: TRANSACTION ..., SESSION CHARACTERISTICS AS TRANSACTION ...,
    /// TIME ZONE, NAMES, SCHEMA, ROLE, SESSION AUTHORIZATION, XML OPTION, or name {TO | =} {value [, ...] | DEFAULT}.
    /// </summary>
    public static ClassifiedStatement ParseSet(SqlTokenCursor cursor)
    {
        var isLocal = false;
        if (cursor.PeekKeyword("local"))
        {
            cursor.Index++;
            isLocal = true;
        }
        else if (cursor.PeekKeyword("session") && !cursor.PeekKeyword("authorization", 1) && !cursor.PeekKeyword("characteristics", 1))
        {
            cursor.Index++;
        }

        if (cursor.TryKeyword("transaction"))
        {
            return SetTransaction(cursor);
        }

        if (cursor.PeekKeyword("session") && cursor.PeekKeyword("characteristics", 1))
        {
            cursor.Index += 2;
            cursor.ExpectKeyword("as");
            cursor.ExpectKeyword("transaction");
            TransactionModes.Parse(cursor, required: true);
            return new ClassifiedStatement(StatementKind.SetTransaction, cursor.Sql);
        }

        var (name, value) = ParseSetRest(cursor);
        cursor.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Set, cursor.Sql) { Name = name, Value = value, IsLocal = isLocal };
    }

    /// <summary>SHOW name | TIME ZONE | TRANSACTION ISOLATION LEVEL | SESSION AUTHORIZATION | ALL.</summary>
    public static ClassifiedStatement ParseShow(SqlTokenCursor cursor)
    {
        var name = cursor.TryKeyword("all") ? "all" : ParseSpecialOrVariableName(cursor);
        cursor.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Show, cursor.Sql) { Name = name };
    }

    /// <summary>RESET name | TIME ZONE | TRANSACTION ISOLATION LEVEL | SESSION AUTHORIZATION | ALL.</summary>
    public static ClassifiedStatement ParseReset(SqlTokenCursor cursor) =>
        ParseShow(cursor) with { Kind = StatementKind.Reset };

    private static string ParseSpecialOrVariableName(SqlTokenCursor cursor)
    {
        if (cursor.PeekKeyword("time") && cursor.PeekKeyword("zone", 1))
        {
            cursor.Index += 2;
            return "timezone";
        }

        if (cursor.PeekKeyword("transaction") && cursor.PeekKeyword("isolation", 1))
        {
            cursor.Index += 2;
            cursor.ExpectKeyword("level");
            return "transaction_isolation";
        }

        if (cursor.PeekKeyword("session") && cursor.PeekKeyword("authorization", 1))
        {
            cursor.Index += 2;
            return "session_authorization";
        }

        return ParseVariableName(cursor);
    }

    /// <summary>
    /// var_name: ColId ['.' ColId ...]. Setting names are case-insensitive in PostgreSQL (guc.c compares
    /// them so), so even a quoted name is reported in lower case.
    /// </summary>
    private static string ParseVariableName(SqlTokenCursor cursor)
    {
        var name = new StringBuilder(cursor.ExpectColId());
        while (cursor.TryPunctuation('.'))
        {
            name.Append('.').Append(cursor.ExpectColId());
        }

        return name.ToString().ToLowerInvariant();
    }

    private static ClassifiedStatement SetTransaction(SqlTokenCursor cursor)
    {
        if (cursor.TryKeyword("snapshot"))
        {
            cursor.Expect(PgKeywords.IsStringConstant);
            cursor.ExpectEnd();
        }
        else
        {
            TransactionModes.Parse(cursor, required: true);
        }

        return new ClassifiedStatement(StatementKind.SetTransaction, cursor.Sql);
    }

    private static (string Name, string? Value) ParseSetRest(SqlTokenCursor cursor)
    {
        if (cursor.PeekKeyword("time") && cursor.PeekKeyword("zone", 1))
        {
            cursor.Index += 2;
            return ("timezone", ParseZoneValue(cursor));
        }

        if (cursor.TryKeyword("names"))
        {
            // NAMES opt_encoding: a string, DEFAULT, or nothing (which also means the default).
            var encoding = cursor.AtEnd || cursor.TryKeyword("default") ? null : cursor.Expect(PgKeywords.IsStringConstant).Value;
            return ("client_encoding", encoding);
        }

        if (cursor.TryKeyword("schema"))
        {
            return ("search_path", cursor.Expect(PgKeywords.IsStringConstant).Value);
        }

        if (cursor.TryKeyword("role"))
        {
            return ("role", ParseWordOrString(cursor));
        }

        if (cursor.PeekKeyword("session") && cursor.PeekKeyword("authorization", 1))
        {
            cursor.Index += 2;
            return ("session_authorization", cursor.TryKeyword("default") ? null : ParseWordOrString(cursor));
        }

        if (cursor.PeekKeyword("xml") && cursor.PeekKeyword("option", 1))
        {
            cursor.Index += 2;
            return ("xmloption", cursor.Expect(t => t.IsKeyword("document") || t.IsKeyword("content")).Value);
        }

        var name = ParseVariableName(cursor);
        if (!cursor.TryKeyword("to") && !cursor.TryOperator("="))
        {
            throw cursor.Error();
        }

        if (cursor.TryKeyword("default"))
        {
            return (name, null);
        }

        var values = new List<string> { ParseVarValue(cursor) };
        while (cursor.TryPunctuation(','))
        {
            values.Add(ParseVarValue(cursor));
        }

        return (name, string.Join(", ", values));
    }

    /// <summary>
    /// zone_value: a string, an identifier, a signed number, INTERVAL 'value' [qualifier], LOCAL or
    /// DEFAULT (the last two give null: the server default).
    /// </summary>
    private static string? ParseZoneValue(SqlTokenCursor cursor)
    {
        if (cursor.TryKeyword("local") || cursor.TryKeyword("default"))
        {
            return null;
        }

        if (cursor.TryKeyword("interval"))
        {
            var text = cursor.Expect(PgKeywords.IsStringConstant).Value;
            SkipIntervalQualifier(cursor);
            return text;
        }

        if (!cursor.AtEnd && cursor.Current.Kind is SqlTokenKind.Operator or SqlTokenKind.Number)
        {
            return ParseSignedNumber(cursor);
        }

        return cursor.Expect(t => PgKeywords.IsStringConstant(t) || PgKeywords.IsNonReservedWord(t)).Value;
    }

    /// <summary>opt_interval: YEAR | MONTH | DAY | HOUR | MINUTE | SECOND [(p)] | x TO y.</summary>
    private static void SkipIntervalQualifier(SqlTokenCursor cursor)
    {
        static bool IsField(SqlToken t) => t.Kind == SqlTokenKind.Identifier
            && t.Value is "year" or "month" or "day" or "hour" or "minute" or "second";

        if (cursor.AtEnd || !IsField(cursor.Current))
        {
            return;
        }

        cursor.Index++;
        if (cursor.TryKeyword("to"))
        {
            cursor.Expect(IsField);
        }

        if (cursor.TryPunctuation('('))
        {
            cursor.Expect(t => t.Kind == SqlTokenKind.Number);
            cursor.ExpectPunctuation(')');
        }
    }

    /// <summary>var_value: TRUE, FALSE, ON, a non-reserved word, a string, or a signed number.</summary>
    private static string ParseVarValue(SqlTokenCursor cursor)
    {
        if (cursor.AtEnd)
        {
            throw cursor.Error();
        }

        var token = cursor.Current;
        if (token.Kind is SqlTokenKind.Number or SqlTokenKind.Operator)
        {
            return ParseSignedNumber(cursor);
        }

        if (token.IsKeyword("true") || token.IsKeyword("false") || token.IsKeyword("on"))
        {
            cursor.Index++;
            return token.Value;
        }

        return ParseWordOrString(cursor);
    }

    private static string ParseWordOrString(SqlTokenCursor cursor) =>
        cursor.Expect(t => PgKeywords.IsStringConstant(t) || PgKeywords.IsNonReservedWord(t)).Value;

    /// <summary>NumericOnly: [+ | -] number; a minus sign is kept, a plus sign is dropped.</summary>
    private static string ParseSignedNumber(SqlTokenCursor cursor)
    {
        var sign = cursor.TryOperator("-") ? "-" : string.Empty;
        if (sign.Length == 0)
        {
            cursor.TryOperator("+");
        }

        return sign + cursor.Expect(t => t.Kind == SqlTokenKind.Number).Value;
    }
}

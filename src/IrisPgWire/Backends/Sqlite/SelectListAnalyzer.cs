using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Names and types the result columns of a SELECT list or RETURNING list as PostgreSQL would
/// (manual, "SELECT": output column names; function result types from pg_proc): aliases, column
/// references resolved against the tables the statement reads, casts, literals and common functions.
/// </summary>
internal static class SelectListAnalyzer
{
    private static readonly PgTypeRef Int4 = new(PgTypeCatalog.Int4);
    private static readonly PgTypeRef Int8 = new(PgTypeCatalog.Int8);
    private static readonly PgTypeRef Text = new(PgTypeCatalog.Text);
    private static readonly PgTypeRef Numeric = new(PgTypeCatalog.Numeric);
    private static readonly PgTypeRef Bool = new(PgTypeCatalog.Bool);

    private static readonly Dictionary<string, PgTypeRef> FunctionTypes = new(StringComparer.Ordinal)
    {
        ["count"] = Int8,
        ["version"] = Text, ["current_setting"] = Text, ["set_config"] = Text, ["lower"] = Text, ["upper"] = Text,
        ["concat"] = Text, ["substr"] = Text, ["substring"] = Text, ["trim"] = Text, ["btrim"] = Text, ["ltrim"] = Text,
        ["rtrim"] = Text, ["replace"] = Text, ["current_database"] = Text, ["current_schema"] = new(PgTypeCatalog.Name),
        ["length"] = Int4, ["char_length"] = Int4, ["character_length"] = Int4, ["strpos"] = Int4, ["pg_backend_pid"] = Int4,
        ["now"] = new(PgTypeCatalog.TimestampTz), ["transaction_timestamp"] = new(PgTypeCatalog.TimestampTz),
        ["statement_timestamp"] = new(PgTypeCatalog.TimestampTz), ["clock_timestamp"] = new(PgTypeCatalog.TimestampTz),
        ["random"] = new(PgTypeCatalog.Float8), ["avg"] = Numeric,
        ["pg_cancel_backend"] = Bool, ["pg_terminate_backend"] = Bool,
    };

    private static readonly Dictionary<string, (string Name, PgTypeRef Type)> ValueKeywordTypes = new(StringComparer.Ordinal)
    {
        ["current_timestamp"] = ("current_timestamp", new(PgTypeCatalog.TimestampTz)),
        ["current_date"] = ("current_date", new(PgTypeCatalog.Date)),
        ["localtimestamp"] = ("localtimestamp", new(PgTypeCatalog.Timestamp)),
        ["current_user"] = ("current_user", new(PgTypeCatalog.Name)),
        ["session_user"] = ("session_user", new(PgTypeCatalog.Name)),
        ["current_catalog"] = ("current_catalog", new(PgTypeCatalog.Name)),
        ["current_schema"] = ("current_schema", new(PgTypeCatalog.Name)),
    };

    private static readonly HashSet<string> ComparisonKeywords = ["is", "in", "like", "ilike", "between", "not", "exists", "and", "or"];
    private static readonly HashSet<string> ComparisonOperators = ["=", "<", ">", "<=", ">=", "<>", "!="];

    /// <summary>The hints for the items in tokens [start, end), or null when a * cannot be expanded.</summary>
    public static List<ResultHint>? Analyze(string sql, IReadOnlyList<SqlToken> tokens, int start, int end,
        IReadOnlyList<TableDefinition> tables)
    {
        var hints = new List<ResultHint>();
        foreach (var (itemStart, itemEnd) in SplitTopLevel(tokens, start, end))
        {
            if (itemEnd - itemStart == 1 && tokens[itemStart].IsOperator("*"))
            {
                foreach (var table in tables)
                    hints.AddRange(table.Columns.Select(c => ColumnHint(table, c, c.Name)));
                continue;
            }
            if (itemEnd - itemStart == 3 && tokens[itemStart + 2].IsOperator("*"))
            {
                var table = tables.FirstOrDefault(t => t.Name == tokens[itemStart].Value);
                if (table is null)
                    return null;
                hints.AddRange(table.Columns.Select(c => ColumnHint(table, c, c.Name)));
                continue;
            }
            hints.Add(Item(sql, tokens, itemStart, itemEnd, tables));
        }
        return hints;
    }

    /// <summary>Comma-separated items at bracket depth 0.</summary>
    public static IEnumerable<(int Start, int End)> SplitTopLevel(IReadOnlyList<SqlToken> tokens, int start, int end)
    {
        var itemStart = start;
        foreach (var i in TopLevel(tokens, start, end))
        {
            if (tokens[i].IsPunctuation(','))
            {
                yield return (itemStart, i);
                itemStart = i + 1;
            }
        }
        if (itemStart < end)
            yield return (itemStart, end);
    }

    /// <summary>The indexes of the tokens in [start, end) outside any brackets (brackets themselves excluded).</summary>
    public static IEnumerable<int> TopLevel(IReadOnlyList<SqlToken> tokens, int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            var t = tokens[i];
            if (t.IsPunctuation('(') || t.IsPunctuation('['))
                depth++;
            else if (t.IsPunctuation(')') || t.IsPunctuation(']'))
                depth--;
            else if (depth == 0)
                yield return i;
        }
    }

    private static ResultHint Item(string sql, IReadOnlyList<SqlToken> tokens, int start, int end, IReadOnlyList<TableDefinition> tables)
    {
        // An alias: "expr AS name" or "expr name" (a bare name after a complete expression).
        string? alias = null;
        if (end - start >= 2 && tokens[end - 1].IsName && tokens[end - 2].IsKeyword("as"))
        {
            alias = tokens[end - 1].Value;
            end -= 2;
        }
        else if (end - start >= 2 && tokens[end - 1].IsName && !tokens[end - 1].IsKeyword("end") &&
                 (tokens[end - 2].IsName || tokens[end - 2].IsPunctuation(')') || tokens[end - 2].Kind is SqlTokenKind.Number or SqlTokenKind.String) &&
                 !tokens[end - 2].IsPunctuation('.') && !IsTypeTail(tokens, end - 1))
        {
            alias = tokens[end - 1].Value;
            end -= 1;
        }
        var hint = Expression(sql, tokens, start, end, tables);
        return alias is null ? hint : hint with { Name = alias };
    }

    /// <summary>True when the name at <paramref name="i"/> is part of a type after :: (so not an alias).</summary>
    private static bool IsTypeTail(IReadOnlyList<SqlToken> tokens, int i)
    {
        for (var j = i - 1; j >= 0 && j >= i - 4; j--)
        {
            if (tokens[j].IsOperator("::"))
                return true;
            if (!tokens[j].IsName && !tokens[j].IsPunctuation('(') && !tokens[j].IsPunctuation(')') && tokens[j].Kind != SqlTokenKind.Number)
                return false;
        }
        return false;
    }

    private static ResultHint Expression(string sql, IReadOnlyList<SqlToken> tokens, int start, int end, IReadOnlyList<TableDefinition> tables)
    {
        if (start >= end)
            return new ResultHint("?column?", null);
        // A trailing top-level cast decides the type; the name is the operand's, else the type's name.
        var castAt = LastTopLevelCast(tokens, start, end);
        if (castAt >= 0)
        {
            TypeNameReader.Read(sql, tokens, castAt + 1, out var type, out _);
            var operand = Expression(sql, tokens, start, castAt, tables);
            var name = operand.Name == "?column?" ? type.Type.Name : operand.Name;
            return new ResultHint(name, type, Explicit: true);
        }
        var first = tokens[start];
        if (first.IsKeyword("cast") && start + 1 < end && tokens[start + 1].IsPunctuation('('))
        {
            var close = TypeNameReader.FindClose(tokens, start + 1);
            var asAt = -1;
            for (var j = start + 2; j < close; j++)
            {
                if (tokens[j].IsKeyword("as"))
                    asAt = j;
            }
            if (asAt > 0 && close == end - 1)
            {
                TypeNameReader.Read(sql, tokens, asAt + 1, out var type, out _);
                var operand = Expression(sql, tokens, start + 2, asAt, tables);
                return new ResultHint(operand.Name == "?column?" ? type.Type.Name : operand.Name, type, Explicit: true);
            }
        }
        if (end - start == 1)
        {
            switch (first.Kind)
            {
                case SqlTokenKind.Number:
                    return new ResultHint("?column?", NumberType(first.Value));
                case SqlTokenKind.String or SqlTokenKind.DollarString:
                    return new ResultHint("?column?", Text);
                case SqlTokenKind.Identifier when first.Value is "true" or "false":
                    return new ResultHint("bool", Bool);
                case SqlTokenKind.Identifier when first.Value == "null":
                    return new ResultHint("?column?", Text);
                case SqlTokenKind.Identifier when ValueKeywordTypes.TryGetValue(first.Value, out var keyword):
                    return new ResultHint(keyword.Name, keyword.Type);
            }
            if (first.IsName)
                return ColumnReference(first.Value, null, tables);
        }
        if (end - start == 3 && first.IsName && tokens[start + 1].IsPunctuation('.') && tokens[start + 2].IsName)
            return ColumnReference(tokens[start + 2].Value, first.Value, tables);
        if (end - start == 2 && first.IsOperator("-") && tokens[start + 1].Kind == SqlTokenKind.Number)
            return new ResultHint("?column?", NumberType(tokens[start + 1].Value));
        // A function call spanning the whole item.
        var nameAt = start;
        if (first.IsKeyword("pg_catalog") && end - start > 2 && tokens[start + 1].IsPunctuation('.'))
            nameAt = start + 2;
        if (tokens[nameAt].Kind == SqlTokenKind.Identifier && nameAt + 1 < end && tokens[nameAt + 1].IsPunctuation('(') &&
            TypeNameReader.FindClose(tokens, nameAt + 1) == end - 1)
        {
            var function = tokens[nameAt].Value;
            if (FunctionTypes.TryGetValue(function, out var type))
                return new ResultHint(function, type);
            if (function is "sum" or "min" or "max" or "coalesce" or "abs" or "round" or "nullif" or "greatest" or "least")
            {
                var argument = Expression(sql, tokens, nameAt + 2, FirstArgumentEnd(tokens, nameAt + 2, end - 1), tables);
                var argType = argument.Type;
                if (function == "sum" && argType is { } a)
                    argType = a.Type == PgTypeCatalog.Int4 || a.Type == PgTypeCatalog.Int2 ? Int8
                        : a.Type == PgTypeCatalog.Int8 ? Numeric : new PgTypeRef(a.Type);
                else if (argType is { } b)
                    argType = new PgTypeRef(b.Type, function is "min" or "max" or "coalesce" or "nullif" ? b.Modifier : -1);
                return new ResultHint(function, argType);
            }
            return new ResultHint(function, null);
        }
        if (first.IsKeyword("case"))
            return new ResultHint("case", null);
        if (first.IsKeyword("exists") || ContainsComparison(tokens, start, end))
            return new ResultHint(first.IsKeyword("exists") ? "exists" : "?column?", Bool);
        if (first.IsKeyword("not"))
            return new ResultHint("?column?", Bool);
        return new ResultHint("?column?", null);
    }

    private static int FirstArgumentEnd(IReadOnlyList<SqlToken> tokens, int start, int end)
    {
        foreach (var (_, itemEnd) in SplitTopLevel(tokens, start, end))
            return itemEnd;
        return end;
    }

    /// <summary>The last top-level :: of an item, or -1 when there is none or an operator follows it.</summary>
    private static int LastTopLevelCast(IReadOnlyList<SqlToken> tokens, int start, int end)
    {
        var last = -1;
        foreach (var i in TopLevel(tokens, start, end))
        {
            var t = tokens[i];
            if (t.IsOperator("::"))
                last = i;
            else if (last >= 0 && (t.Kind == SqlTokenKind.Operator || ComparisonKeywords.Contains(t.Value)) && t.Kind != SqlTokenKind.String)
                last = -2;
        }
        return last >= 0 ? last : -1;
    }

    private static bool ContainsComparison(IReadOnlyList<SqlToken> tokens, int start, int end) =>
        TopLevel(tokens, start, end).Any(i =>
            (tokens[i].Kind == SqlTokenKind.Operator && ComparisonOperators.Contains(tokens[i].Value)) ||
            (tokens[i].Kind == SqlTokenKind.Identifier && ComparisonKeywords.Contains(tokens[i].Value)));

    private static ResultHint ColumnReference(string column, string? qualifier, IReadOnlyList<TableDefinition> tables)
    {
        foreach (var table in tables)
        {
            if (qualifier is not null && table.Name != qualifier && tables.Count > 1)
                continue;
            if (table.Find(column) is { } found)
                return ColumnHint(table, found, column);
        }
        return new ResultHint(column, null);
    }

    private static ResultHint ColumnHint(TableDefinition table, ColumnDefinition column, string name) =>
        new(name, column.Type, table.Oid, column.Number);

    private static PgTypeRef NumberType(string text)
    {
        if (text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase))
            return Numeric;
        return long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n is >= int.MinValue and <= int.MaxValue ? Int4 : Int8
            : Numeric;
    }
}

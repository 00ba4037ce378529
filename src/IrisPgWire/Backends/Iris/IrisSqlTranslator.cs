using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// PostgreSQL statements as IRIS SQL. CREATE TABLE and DROP TABLE are rebuilt through <see cref="IrisDdlWriter"/>
/// (types, constraint names, SQLUser for public); every other statement keeps its text, with three rewrites done
/// on tokens so nothing inside a string literal or quoted name is touched: <c>$n</c> becomes <c>?</c>, the schema
/// qualifier <c>public.</c> (quoted or not) becomes <c>"SQLUser".</c>, and <c>::type</c> casts are refused (IRIS has CAST only).
/// </summary>
/// <remarks>
/// IRIS SQL shares the rest of what COPY workloads send (SELECT lists, WHERE, ORDER BY, INSERT ... VALUES, DELETE,
/// TRUNCATE TABLE; InterSystems SQL Reference, RSQL_select, RSQL_insert, RSQL_truncatetable); what differs is
/// reported by IRIS itself and mapped by <see cref="IrisErrorMapper"/>.
/// </remarks>
public static class IrisSqlTranslator
{
    public static IrisStatement Translate(string sql)
    {
        var tokens = PgLexer.Tokenize(sql);
        if (tokens.Count >= 2 && tokens[0].IsKeyword("create") && tokens[1].IsKeyword("table"))
            return CreateTable(sql, tokens);
        if (tokens.Count >= 2 && tokens[0].IsKeyword("drop") && tokens[1].IsKeyword("table"))
            return DropTable(sql, tokens);
        return Plain(sql, tokens);
    }

    /// <summary>Reads <c>[schema.]name</c>; the schema is null when not written.</summary>
    internal static (string? Schema, string Name) ReadTableName(TokenCursor c)
    {
        var first = c.ExpectName();
        if (!c.AcceptPunctuation('.'))
            return (null, first);
        return (first, c.ExpectName());
    }

    private static IrisStatement CreateTable(string sql, IReadOnlyList<SqlToken> tokens)
    {
        var c = new TokenCursor(sql, tokens) { Index = 2 };
        var create = IrisCreateTable.Parse(sql, c);
        var ddl = IrisDdlWriter.CreateTable(create.Table, create.VectorColumns, create.Constraints);
        return new IrisStatement(create.IfNotExists ? IrisStatementKind.CreateTableIfNotExists : IrisStatementKind.Plain, ddl, [])
        {
            Table = (create.Table.Schema, create.Table.Name),
        };
    }

    private static IrisStatement DropTable(string sql, IReadOnlyList<SqlToken> tokens)
    {
        var c = new TokenCursor(sql, tokens) { Index = 2 };
        var ifExists = false;
        if (c.AcceptKeyword("if"))
        {
            c.ExpectKeyword("exists");
            ifExists = true;
        }
        var (schema, name) = ReadTableName(c);
        if (c.AcceptPunctuation(','))
            throw new PgErrorException(SqlState.FeatureNotSupported, "DROP TABLE of several tables at once is not supported by the IRIS backend; drop them one by one");
        // CASCADE has nothing to cascade to here (no views or foreign keys are created); RESTRICT is the default.
        c.AcceptKeyword("cascade", "restrict");
        c.ExpectEnd();
        schema ??= IrisIdentifiers.PostgresDefaultSchema;
        return new IrisStatement(ifExists ? IrisStatementKind.DropTableIfExists : IrisStatementKind.Plain, IrisDdlWriter.DropTable(schema, name), [])
        {
            Table = (schema, name),
        };
    }

    private static IrisStatement Plain(string sql, IReadOnlyList<SqlToken> tokens)
    {
        var sb = new StringBuilder(sql.Length);
        var order = new List<int>();
        var copied = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            string? replacement = null;
            if (t.Kind == SqlTokenKind.Parameter)
            {
                order.Add(int.Parse(t.Value, NumberStyles.None, CultureInfo.InvariantCulture) - 1);
                replacement = "?";
            }
            else if (t.IsName && t.Value == IrisIdentifiers.PostgresDefaultSchema && i + 1 < tokens.Count && tokens[i + 1].IsPunctuation('.'))
            {
                replacement = IrisIdentifiers.Quote(IrisIdentifiers.DefaultSchema);
            }
            else if (t.IsOperator("::"))
            {
                throw new PgErrorException(SqlState.FeatureNotSupported, "the :: cast is not supported by the IRIS backend; write CAST(value AS type)")
                {
                    Position = t.Start + 1,
                };
            }
            if (replacement is null)
                continue;
            sb.Append(sql, copied, t.Start - copied).Append(replacement);
            copied = t.End;
        }
        sb.Append(sql, copied, sql.Length - copied);
        return new IrisStatement(IrisStatementKind.Plain, sb.ToString().Trim().TrimEnd(';'), [.. order]);
    }
}

using System.Globalization;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// A PostgreSQL CREATE TABLE (manual, "CREATE TABLE") read into what <see cref="IrisDdlWriter"/> writes: columns with
/// their PostgreSQL types, NOT NULL, PRIMARY KEY, UNIQUE and literal DEFAULTs. Anything else (CHECK, REFERENCES,
/// generated columns, expression defaults, table options) is refused with 0A000 rather than dropped silently.
/// </summary>
internal sealed record IrisCreateTable(TableDefinition Table, IReadOnlyDictionary<string, int> VectorColumns,
    IrisTableConstraints Constraints, bool IfNotExists)
{
    private static readonly HashSet<string> ConstraintStarts =
        ["not", "null", "default", "primary", "unique", "check", "references", "constraint", "generated", "collate"];

    /// <summary>Reads the statement after <c>CREATE TABLE</c> (<paramref name="c"/> is just past TABLE).</summary>
    public static IrisCreateTable Parse(string sql, TokenCursor c)
    {
        var ifNotExists = false;
        if (c.PeekKeyword("if"))
        {
            c.Next();
            c.ExpectKeyword("not");
            c.ExpectKeyword("exists");
            ifNotExists = true;
        }
        var (schema, name) = IrisSqlTranslator.ReadTableName(c);
        if (!c.AcceptPunctuation('('))
            throw c.SyntaxError();
        var columns = new List<ColumnDefinition>();
        var vectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var primaryKey = new List<string>();
        var unique = new List<IReadOnlyList<string>>();
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        var notNull = new HashSet<string>(StringComparer.Ordinal);
        var withDefault = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            if (c.AcceptKeyword("constraint"))
                c.ExpectName();
            if (c.AcceptKeyword("primary"))
            {
                c.ExpectKeyword("key");
                SetPrimaryKey(primaryKey, NameList(c), c);
                continue;
            }
            if (c.AcceptKeyword("unique"))
            {
                unique.Add(NameList(c));
                continue;
            }
            if (c.PeekKeyword("check") || c.PeekKeyword("foreign") || c.PeekKeyword("exclude") || c.PeekKeyword("like"))
                throw Unsupported(c.Current.Value.ToUpperInvariant() + " in CREATE TABLE");
            var column = c.ExpectName();
            var typeText = ReadTypeText(sql, c);
            if (IrisTypeMapping.TryParseVector(typeText, out var dimensions))
                vectors[column] = dimensions;
            var type = dimensions > 0 ? new PgTypeRef(PgTypeCatalog.Text) : PgTypeNames.Parse(typeText);
            while (!c.AtEnd && !c.Current.IsPunctuation(',') && !c.Current.IsPunctuation(')'))
            {
                if (c.AcceptKeyword("constraint"))
                    c.ExpectName();
                if (c.AcceptKeyword("not"))
                {
                    c.ExpectKeyword("null");
                    notNull.Add(column);
                }
                else if (c.AcceptKeyword("null"))
                {
                }
                else if (c.AcceptKeyword("primary"))
                {
                    c.ExpectKeyword("key");
                    SetPrimaryKey(primaryKey, [column], c);
                }
                else if (c.AcceptKeyword("unique"))
                {
                    unique.Add([column]);
                }
                else if (c.AcceptKeyword("default"))
                {
                    defaults[column] = DefaultLiteral(c);
                    withDefault.Add(column);
                }
                else
                {
                    throw Unsupported(c.Current.Value.ToUpperInvariant() + " in a column definition");
                }
            }
            columns.Add(new ColumnDefinition(column, type, (short)(columns.Count + 1), false, false));
        }
        while (c.AcceptPunctuation(','));
        if (!c.AcceptPunctuation(')'))
            throw c.SyntaxError();
        if (!c.AtEnd)
            throw Unsupported("table options after the column list");
        foreach (var key in primaryKey.Concat(unique.SelectMany(u => u)))
        {
            if (!columns.Any(col => col.Name == key))
                throw new PgErrorException(SqlState.UndefinedColumn, $"column \"{key}\" named in key does not exist");
        }
        // PRIMARY KEY implies NOT NULL (PostgreSQL's ddl docs, "Primary Keys").
        var finished = columns.Select(col => col with
        {
            NotNull = notNull.Contains(col.Name) || primaryKey.Contains(col.Name),
            HasDefault = withDefault.Contains(col.Name),
        }).ToArray();
        return new IrisCreateTable(new TableDefinition(schema ?? IrisIdentifiers.PostgresDefaultSchema, name, 0, finished), vectors,
            new IrisTableConstraints(primaryKey, unique, defaults), ifNotExists);
    }

    private static void SetPrimaryKey(List<string> primaryKey, IReadOnlyList<string> columns, TokenCursor c)
    {
        // PostgreSQL: "multiple primary keys for table \"t\" are not allowed" (42P16).
        if (primaryKey.Count > 0)
            throw new PgErrorException(SqlState.InvalidTableDefinition, "multiple primary keys for table are not allowed") { Position = c.AtEnd ? 0 : c.Current.Start + 1 };
        primaryKey.AddRange(columns);
    }

    private static List<string> NameList(TokenCursor c)
    {
        if (!c.AcceptPunctuation('('))
            throw c.SyntaxError();
        var names = new List<string>();
        do
            names.Add(c.ExpectName());
        while (c.AcceptPunctuation(','));
        if (!c.AcceptPunctuation(')'))
            throw c.SyntaxError();
        return names;
    }

    /// <summary>The type's text as written, up to the first constraint keyword, comma or closing parenthesis.</summary>
    private static string ReadTypeText(string sql, TokenCursor c)
    {
        if (c.AtEnd)
            throw c.SyntaxError();
        var start = c.Current.Start;
        var end = start;
        var depth = 0;
        while (!c.AtEnd)
        {
            var t = c.Current;
            if (depth == 0 && (t.IsPunctuation(',') || t.IsPunctuation(')') || (t.Kind == SqlTokenKind.Identifier && ConstraintStarts.Contains(t.Value) && end > start)))
                break;
            if (t.IsPunctuation('(') || t.IsPunctuation('['))
                depth++;
            else if (t.IsPunctuation(')') || t.IsPunctuation(']'))
                depth--;
            end = t.End;
            c.Next();
        }
        return sql[start..end];
    }

    /// <summary>A DEFAULT that is a constant, written as IRIS literal text (DDL takes no parameters; the lexer checked the token).</summary>
    private static string DefaultLiteral(TokenCursor c)
    {
        if (c.AtEnd)
            throw c.SyntaxError();
        var negative = c.AcceptOperator("-");
        var t = c.Current;
        string literal;
        if (t.Kind == SqlTokenKind.Number)
            literal = (negative ? "-" : "") + t.Value;
        else if (negative)
            throw c.SyntaxError();
        else if (t.Kind == SqlTokenKind.String)
            literal = "'" + t.Value.Replace("'", "''", StringComparison.Ordinal) + "'";
        else if (t.IsKeyword("true") || t.IsKeyword("false"))
            literal = t.IsKeyword("true") ? "1" : "0";
        else if (t.IsKeyword("null"))
            literal = "NULL";
        else
            throw Unsupported("DEFAULT expressions other than constants");
        c.Next();
        if (!c.AtEnd && c.Current.IsOperator("::"))
            throw Unsupported("casts in DEFAULT");
        return literal;
    }

    private static PgErrorException Unsupported(string what) =>
        new(SqlState.FeatureNotSupported, string.Create(CultureInfo.InvariantCulture, $"{what} is not supported by the IRIS backend"));

}

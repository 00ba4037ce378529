using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Translates one PostgreSQL statement for SQLite (see <see cref="ExpressionWriter"/> for expressions).
/// Values written into table columns go through <c>pg_cast</c> with the column's type, so they are
/// checked and stored exactly as PostgreSQL would accept them. What cannot be translated fails with a
/// clear error rather than running differently.
/// </summary>
internal static class SqliteTranslator
{
    public static Translation Translate(string sql, SqliteConnection connection)
    {
        var tokens = PgLexer.Tokenize(sql);
        if (tokens.Count == 0)
            throw new PgErrorException(SqlState.SyntaxError, "syntax error at end of input");
        var first = tokens[0];
        if (first.IsKeyword("select") || first.IsKeyword("with") || first.IsKeyword("values") || first.IsPunctuation('('))
            return Select(sql, tokens, connection);
        if (first.IsKeyword("table") && tokens.Count >= 2)
            return Select("SELECT * FROM " + sql[tokens[1].Start..], PgLexer.Tokenize("SELECT * FROM " + sql[tokens[1].Start..]), connection);
        if (first.IsKeyword("insert"))
            return Insert(sql, tokens, connection);
        if (first.IsKeyword("update"))
            return Update(sql, tokens, connection);
        if (first.IsKeyword("delete"))
            return Delete(sql, tokens, connection);
        if (first.IsKeyword("create"))
        {
            var i = 1;
            while (i < tokens.Count && (tokens[i].IsKeyword("temp") || tokens[i].IsKeyword("temporary") || tokens[i].IsKeyword("unlogged")))
                i++;
            if (i < tokens.Count && tokens[i].IsKeyword("table"))
                return CreateTableTranslator.Translate(sql, tokens, i + 1, connection);
            if (i < tokens.Count && (tokens[i].IsKeyword("index") || (tokens[i].IsKeyword("unique") && i + 1 < tokens.Count && tokens[i + 1].IsKeyword("index"))))
                return CreateIndex(sql, tokens);
        }
        if (first.IsKeyword("drop") && tokens.Count > 1 && tokens[1].IsKeyword("table"))
            return DropOrTruncate(sql, tokens, 2, TranslationKind.DropTable, "DROP TABLE");
        if (first.IsKeyword("drop") && tokens.Count > 1 && tokens[1].IsKeyword("index"))
        {
            var writer = new ExpressionWriter(sql, tokens);
            var sb = new StringBuilder();
            writer.Write(0, tokens.Count, sb);
            return new Translation(TranslationKind.Run, sb.ToString(), "DROP INDEX", false, 0);
        }
        if (first.IsKeyword("truncate"))
            return DropOrTruncate(sql, tokens, tokens.Count > 1 && tokens[1].IsKeyword("table") ? 2 : 1, TranslationKind.Truncate, "TRUNCATE TABLE");
        var verb = string.Join(' ', tokens.Take(2).Where(t => t.Kind == SqlTokenKind.Identifier).Select(t => t.Value.ToUpperInvariant()));
        throw new PgErrorException(SqlState.FeatureNotSupported, $"{verb} is not supported by the embedded store");
    }

    private static Translation Select(string sql, IReadOnlyList<SqlToken> tokens, SqliteConnection connection)
    {
        var writer = new ExpressionWriter(sql, tokens);
        var sb = new StringBuilder();
        writer.Write(0, tokens.Count, sb);
        var tables = ReferencedTables(tokens, connection);
        List<ResultHint>? hints = null;
        var selectAt = FirstTopLevel(tokens, 0, "select");
        if (selectAt >= 0)
        {
            var listStart = selectAt + 1;
            if (listStart < tokens.Count && (tokens[listStart].IsKeyword("distinct") || tokens[listStart].IsKeyword("all")))
                listStart++;
            var listEnd = FirstTopLevelAny(tokens, listStart, "from", "where", "group", "having", "order", "limit", "offset", "union",
                "intersect", "except", "window", "fetch", "for", "into");
            hints = SelectListAnalyzer.Analyze(sql, tokens, listStart, listEnd < 0 ? tokens.Count : listEnd, tables);
        }
        return new Translation(TranslationKind.Run, sb.ToString(), "SELECT", true, writer.ParameterCount)
        {
            Hints = hints,
            ParameterTypes = ComparedParameterTypes(tokens, tables),
        };
    }

    private static Translation Insert(string sql, IReadOnlyList<SqlToken> tokens, SqliteConnection connection)
    {
        var i = 1;
        Expect(sql, tokens, i++, "into");
        var (tableName, next) = TableName(sql, tokens, i);
        var table = SqliteSchema.Get(connection, tableName);
        i = next;
        if (i < tokens.Count && tokens[i].IsKeyword("as"))
            i += 2;
        List<ColumnDefinition> columns;
        if (i < tokens.Count && tokens[i].IsPunctuation('(') && !(i + 1 < tokens.Count && (tokens[i + 1].IsKeyword("select") || tokens[i + 1].IsKeyword("with"))))
        {
            var close = TypeNameReader.FindClose(tokens, i);
            columns = [];
            foreach (var (s, e) in SelectListAnalyzer.SplitTopLevel(tokens, i + 1, close))
            {
                var name = tokens[s].Value;
                columns.Add(table.Find(name) ?? throw new PgErrorException(SqlState.UndefinedColumn,
                    $"column \"{name}\" of relation \"{table.Name}\" does not exist") { Position = tokens[s].Start + 1 });
            }
            i = close + 1;
        }
        else
        {
            columns = [.. table.Columns];
        }

        var writer = new ExpressionWriter(sql, tokens);
        var sb = new StringBuilder("INSERT INTO ").Append(Quote(table.Name));
        var parameterTypes = new Dictionary<int, PgTypeRef>();
        if (i < tokens.Count && tokens[i].IsKeyword("default") && i + 1 < tokens.Count && tokens[i + 1].IsKeyword("values"))
        {
            sb.Append(" DEFAULT VALUES ");
            i += 2;
        }
        else if (i < tokens.Count && tokens[i].IsKeyword("values"))
        {
            i++;
            var rows = new List<List<(int Start, int End)>>();
            while (i < tokens.Count && tokens[i].IsPunctuation('('))
            {
                var close = TypeNameReader.FindClose(tokens, i);
                rows.Add([.. SelectListAnalyzer.SplitTopLevel(tokens, i + 1, close)]);
                i = close + 1;
                if (i < tokens.Count && tokens[i].IsPunctuation(','))
                    i++;
                else
                    break;
            }
            var width = rows.Max(r => r.Count);
            if (width > columns.Count)
                throw new PgErrorException(SqlState.SyntaxError, "INSERT has more expressions than target columns");
            var used = columns.Take(width).ToList();
            // SQLite has no DEFAULT inside VALUES: a one-row insert leaves such columns out.
            var keep = Enumerable.Range(0, width).Where(c => !(rows.Count == 1 && IsDefault(tokens, rows[0][c]))).ToList();
            if (rows.Count > 1 && rows.Any(r => r.Any(item => IsDefault(tokens, item))))
                throw new PgErrorException(SqlState.FeatureNotSupported, "DEFAULT in a multi-row VALUES list is not supported by the embedded store");
            sb.Append(" (").Append(string.Join(", ", keep.Select(c => Quote(used[c].Name)))).Append(") VALUES ");
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r].Count != width)
                    throw new PgErrorException(SqlState.SyntaxError, "VALUES lists must all be the same length");
                sb.Append(r == 0 ? "(" : ", (");
                var firstValue = true;
                foreach (var c in keep)
                {
                    if (!firstValue)
                        sb.Append(", ");
                    firstValue = false;
                    var (s, e) = rows[r][c];
                    if (e - s == 1 && tokens[s].Kind == SqlTokenKind.Parameter)
                        parameterTypes[int.Parse(tokens[s].Value, System.Globalization.CultureInfo.InvariantCulture)] = used[c].Type;
                    WriteCast(writer, s, e, used[c].Type, sb);
                }
                sb.Append(')');
            }
            sb.Append(' ');
        }
        else
        {
            // INSERT ... SELECT: values are converted by each column's affinity.
            sb.Append(" (").Append(string.Join(", ", columns.Select(c => Quote(c.Name)))).Append(") ");
            var end = FirstTopLevelAny(tokens, i, "returning", "on");
            writer.Write(i, end < 0 ? tokens.Count : end, sb);
            i = end < 0 ? tokens.Count : end;
        }
        return Tail(sql, tokens, i, writer, sb, table, "INSERT", parameterTypes);
    }

    private static Translation Update(string sql, IReadOnlyList<SqlToken> tokens, SqliteConnection connection)
    {
        var i = 1;
        if (i < tokens.Count && tokens[i].IsKeyword("only"))
            i++;
        var (tableName, next) = TableName(sql, tokens, i);
        var table = SqliteSchema.Get(connection, tableName);
        i = next;
        var writer = new ExpressionWriter(sql, tokens);
        var sb = new StringBuilder("UPDATE ").Append(Quote(table.Name)).Append(' ');
        if (i < tokens.Count && !tokens[i].IsKeyword("set"))
        {
            if (tokens[i].IsKeyword("as"))
                i++;
            sb.Append("AS ").Append(Quote(tokens[i].Value)).Append(' ');
            i++;
        }
        Expect(sql, tokens, i++, "set");
        sb.Append("SET ");
        var end = FirstTopLevelAny(tokens, i, "from", "where", "returning");
        end = end < 0 ? tokens.Count : end;
        var parameterTypes = new Dictionary<int, PgTypeRef>();
        var firstAssignment = true;
        foreach (var (s, e) in SelectListAnalyzer.SplitTopLevel(tokens, i, end))
        {
            if (e - s < 3 || !tokens[s].IsName || !tokens[s + 1].IsOperator("="))
                throw new PgErrorException(SqlState.FeatureNotSupported, "this form of SET is not supported by the embedded store");
            var column = table.Find(tokens[s].Value) ?? throw new PgErrorException(SqlState.UndefinedColumn,
                $"column \"{tokens[s].Value}\" of relation \"{table.Name}\" does not exist") { Position = tokens[s].Start + 1 };
            if (!firstAssignment)
                sb.Append(", ");
            firstAssignment = false;
            sb.Append(Quote(column.Name)).Append(" = ");
            if (e - s == 3 && tokens[s + 2].IsKeyword("default"))
                throw new PgErrorException(SqlState.FeatureNotSupported, "SET column = DEFAULT is not supported by the embedded store");
            if (e - s == 3 && tokens[s + 2].Kind == SqlTokenKind.Parameter)
                parameterTypes[int.Parse(tokens[s + 2].Value, System.Globalization.CultureInfo.InvariantCulture)] = column.Type;
            WriteCast(writer, s + 2, e, column.Type, sb);
        }
        sb.Append(' ');
        return Tail(sql, tokens, end, writer, sb, table, "UPDATE", parameterTypes);
    }

    private static Translation Delete(string sql, IReadOnlyList<SqlToken> tokens, SqliteConnection connection)
    {
        Expect(sql, tokens, 1, "from");
        var i = 2;
        if (i < tokens.Count && tokens[i].IsKeyword("only"))
            i++;
        var (tableName, next) = TableName(sql, tokens, i);
        var table = SqliteSchema.Get(connection, tableName);
        var writer = new ExpressionWriter(sql, tokens);
        var sb = new StringBuilder("DELETE FROM ").Append(Quote(table.Name)).Append(' ');
        return Tail(sql, tokens, next, writer, sb, table, "DELETE", []);
    }

    /// <summary>The rest of a DML statement, with RETURNING's result hints.</summary>
    private static Translation Tail(string sql, IReadOnlyList<SqlToken> tokens, int i, ExpressionWriter writer, StringBuilder sb,
        TableDefinition table, string verb, Dictionary<int, PgTypeRef> parameterTypes)
    {
        var returning = FirstTopLevel(tokens, i, "returning");
        writer.Write(i, tokens.Count, sb);
        foreach (var (key, value) in ComparedParameterTypes(tokens, [table]))
            parameterTypes.TryAdd(key, value);
        List<ResultHint>? hints = returning >= 0
            ? SelectListAnalyzer.Analyze(sql, tokens, returning + 1, tokens.Count, [table])
            : null;
        return new Translation(TranslationKind.Run, sb.ToString(), verb, returning >= 0, writer.ParameterCount)
        {
            Hints = hints,
            ParameterTypes = parameterTypes,
        };
    }

    private static Translation CreateIndex(string sql, IReadOnlyList<SqlToken> tokens)
    {
        var writer = new ExpressionWriter(sql, tokens);
        var sb = new StringBuilder();
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i].IsKeyword("using") && i + 1 < tokens.Count)
            {
                i += 2;
                continue;
            }
            i = writer.WritePrimary(i, tokens.Count, sb);
        }
        return new Translation(TranslationKind.Run, sb.ToString(), "CREATE INDEX", false, 0);
    }

    private static Translation DropOrTruncate(string sql, IReadOnlyList<SqlToken> tokens, int i, TranslationKind kind, string verb)
    {
        var ifExists = false;
        if (kind == TranslationKind.DropTable && i + 1 < tokens.Count && tokens[i].IsKeyword("if") && tokens[i + 1].IsKeyword("exists"))
        {
            ifExists = true;
            i += 2;
        }
        if (kind == TranslationKind.Truncate && i < tokens.Count && tokens[i].IsKeyword("only"))
            i++;
        var names = new List<string>();
        while (i < tokens.Count)
        {
            var (name, next) = TableName(sql, tokens, i);
            names.Add(name);
            i = next;
            if (i < tokens.Count && tokens[i].IsPunctuation(','))
            {
                i++;
                continue;
            }
            break;
        }
        while (i < tokens.Count && (tokens[i].IsKeyword("cascade") || tokens[i].IsKeyword("restrict") ||
                                     tokens[i].IsKeyword("restart") || tokens[i].IsKeyword("continue") || tokens[i].IsKeyword("identity")))
            i++;
        if (i < tokens.Count)
            throw PgLexer.Error("syntax error", sql, tokens[i].Start);
        return new Translation(kind, "", verb, false, 0) { Tables = names, IfExists = ifExists };
    }

    /// <summary>Writes tokens [start, end) as a value of <paramref name="type"/>, checked by pg_cast.</summary>
    private static void WriteCast(ExpressionWriter writer, int start, int end, PgTypeRef type, StringBuilder sb)
    {
        sb.Append("pg_cast(");
        writer.Write(start, end, sb);
        sb.Append(", ").Append(type.Oid).Append(", ").Append(type.Modifier).Append(')');
    }

    private static bool IsDefault(IReadOnlyList<SqlToken> tokens, (int Start, int End) item) =>
        item.End - item.Start == 1 && tokens[item.Start].IsKeyword("default");

    /// <summary>A table name, qualified by public (or nothing); other schemas do not exist here.</summary>
    public static (string Name, int Next) TableName(string sql, IReadOnlyList<SqlToken> tokens, int i)
    {
        if (i >= tokens.Count || !tokens[i].IsName)
            throw i >= tokens.Count
                ? new PgErrorException(SqlState.SyntaxError, "syntax error at end of input") { Position = sql.Length + 1 }
                : PgLexer.Error("syntax error", sql, tokens[i].Start);
        if (i + 2 < tokens.Count && tokens[i + 1].IsPunctuation('.') && tokens[i + 2].IsName)
        {
            if (tokens[i].Value != "public")
                throw new PgErrorException(SqlState.InvalidSchemaName, $"schema \"{tokens[i].Value}\" does not exist") { Position = tokens[i].Start + 1 };
            return (tokens[i + 2].Value, i + 3);
        }
        return (tokens[i].Value, i + 1);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The tables a statement reads: names after FROM and JOIN, at any depth.</summary>
    private static List<TableDefinition> ReferencedTables(IReadOnlyList<SqlToken> tokens, SqliteConnection connection)
    {
        var tables = new List<TableDefinition>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (!(tokens[i].IsKeyword("from") || tokens[i].IsKeyword("join")) || !tokens[i + 1].IsName)
                continue;
            var name = tokens[i + 1].Value;
            if (name == "public" && i + 3 < tokens.Count && tokens[i + 2].IsPunctuation('.'))
                name = tokens[i + 3].Value;
            if (SqliteSchema.Find(connection, name) is { } table && tables.All(t => t.Oid != table.Oid))
                tables.Add(table);
        }
        return tables;
    }

    /// <summary>Types of $n compared with a column (<c>col = $1</c>, <c>$1 = col</c>), for Describe.</summary>
    private static Dictionary<int, PgTypeRef> ComparedParameterTypes(IReadOnlyList<SqlToken> tokens, IReadOnlyList<TableDefinition> tables)
    {
        var result = new Dictionary<int, PgTypeRef>();
        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind != SqlTokenKind.Operator || tokens[i].Value is not ("=" or "<" or ">" or "<=" or ">=" or "<>" or "!="))
                continue;
            var (param, column) = tokens[i + 1].Kind == SqlTokenKind.Parameter ? (tokens[i + 1], tokens[i - 1])
                : tokens[i - 1].Kind == SqlTokenKind.Parameter ? (tokens[i - 1], tokens[i + 1]) : (default, default);
            if (param.Kind != SqlTokenKind.Parameter || !column.IsName)
                continue;
            foreach (var table in tables)
            {
                if (table.Find(column.Value) is { } found)
                {
                    result[int.Parse(param.Value, System.Globalization.CultureInfo.InvariantCulture)] = found.Type;
                    break;
                }
            }
        }
        return result;
    }

    private static void Expect(string sql, IReadOnlyList<SqlToken> tokens, int i, string keyword)
    {
        if (i >= tokens.Count)
            throw new PgErrorException(SqlState.SyntaxError, "syntax error at end of input") { Position = sql.Length + 1 };
        if (!tokens[i].IsKeyword(keyword))
            throw PgLexer.Error("syntax error", sql, tokens[i].Start);
    }

    private static int FirstTopLevel(IReadOnlyList<SqlToken> tokens, int start, string keyword) => FirstTopLevelAny(tokens, start, keyword);

    private static int FirstTopLevelAny(IReadOnlyList<SqlToken> tokens, int start, params string[] keywords)
    {
        foreach (var i in SelectListAnalyzer.TopLevel(tokens, start, tokens.Count))
        {
            if (tokens[i].Kind == SqlTokenKind.Identifier && Array.IndexOf(keywords, tokens[i].Value) >= 0)
                return i;
        }
        return -1;
    }
}

using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// CREATE TABLE in PostgreSQL's grammar (manual, "CREATE TABLE") made into a SQLite table whose column
/// types give the right storage affinity, while the PostgreSQL types go to the server's metadata.
/// Constraints keep PostgreSQL's default names (t_pkey, t_a_key, t_a_check) so errors can name them.
/// </summary>
internal static class CreateTableTranslator
{
    private static readonly HashSet<string> ConstraintStarts =
        ["not", "null", "default", "primary", "unique", "check", "references", "constraint", "generated", "collate"];

    public static Translation Translate(string sql, IReadOnlyList<SqlToken> tokens, int i, SqliteConnection connection)
    {
        var ifNotExists = false;
        if (i + 2 < tokens.Count && tokens[i].IsKeyword("if") && tokens[i + 1].IsKeyword("not") && tokens[i + 2].IsKeyword("exists"))
        {
            ifNotExists = true;
            i += 3;
        }
        var (name, next) = SqliteTranslator.TableName(sql, tokens, i);
        i = next;
        if (i >= tokens.Count || !tokens[i].IsPunctuation('('))
            throw i >= tokens.Count
                ? new PgErrorException(SqlState.SyntaxError, "syntax error at end of input") { Position = sql.Length + 1 }
                : PgLexer.Error("syntax error", sql, tokens[i].Start);
        var close = TypeNameReader.FindClose(tokens, i);
        if (close != tokens.Count - 1)
            throw new PgErrorException(SqlState.FeatureNotSupported, "table options after the column list are not supported by the embedded store");

        var writer = new ExpressionWriter(sql, tokens);
        var columns = new List<ColumnDefinition>();
        var definitions = new List<string>();
        var tableConstraints = new List<string>();
        foreach (var (s, e) in SelectListAnalyzer.SplitTopLevel(tokens, i + 1, close))
        {
            if (tokens[s].IsKeyword("constraint") || tokens[s].IsKeyword("primary") || tokens[s].IsKeyword("unique") ||
                tokens[s].IsKeyword("check") || tokens[s].IsKeyword("foreign"))
            {
                tableConstraints.Add(TableConstraint(tokens, s, e, name, writer));
                continue;
            }
            var (column, definition) = Column(sql, tokens, s, e, name, (short)(columns.Count + 1), writer);
            if (columns.Any(c => c.Name == column.Name))
                throw new PgErrorException(SqlState.DuplicateColumn, $"column \"{column.Name}\" specified more than once");
            columns.Add(column);
            definitions.Add(definition);
        }
        if (columns.Count == 0)
            throw new PgErrorException(SqlState.FeatureNotSupported, "tables without columns are not supported by the embedded store");
        var sb = new StringBuilder("CREATE TABLE ").Append(SqliteTranslator.Quote(name)).Append(" (");
        sb.AppendJoin(", ", definitions.Concat(tableConstraints)).Append(')');
        return new Translation(TranslationKind.CreateTable, sb.ToString(), "CREATE TABLE", false, 0)
        {
            Tables = [name],
            CreatedColumns = columns,
            IfExists = ifNotExists,
        };
    }

    private static (ColumnDefinition, string) Column(string sql, IReadOnlyList<SqlToken> tokens, int s, int e, string table, short number,
        ExpressionWriter writer)
    {
        if (!tokens[s].IsName)
            throw PgLexer.Error("syntax error", sql, tokens[s].Start);
        var name = tokens[s].Value;
        var i = s + 1;
        PgTypeRef type;
        var serial = false;
        if (i < e && tokens[i].Kind == SqlTokenKind.Identifier && tokens[i].Value is "serial" or "serial4" or "bigserial" or "serial8" or "smallserial" or "serial2")
        {
            type = new PgTypeRef(tokens[i].Value switch
            {
                "bigserial" or "serial8" => PgTypeCatalog.Int8,
                "smallserial" or "serial2" => PgTypeCatalog.Int2,
                _ => PgTypeCatalog.Int4,
            });
            serial = true;
            i++;
        }
        else
        {
            i = TypeNameReader.Read(sql, tokens, i, out type, out _);
        }
        var notNull = serial;
        var hasDefault = serial;
        var primaryKey = false;
        var constraints = new StringBuilder();
        while (i < e)
        {
            string? constraintName = null;
            if (tokens[i].IsKeyword("constraint"))
            {
                constraintName = tokens[i + 1].Value;
                i += 2;
            }
            var t = tokens[i];
            if (t.IsKeyword("not") && i + 1 < e && tokens[i + 1].IsKeyword("null"))
            {
                notNull = true;
                constraints.Append(" NOT NULL");
                i += 2;
            }
            else if (t.IsKeyword("null"))
            {
                i++;
            }
            else if (t.IsKeyword("primary") && i + 1 < e && tokens[i + 1].IsKeyword("key"))
            {
                primaryKey = true;
                notNull = true;
                i += 2;
            }
            else if (t.IsKeyword("unique"))
            {
                constraints.Append(" CONSTRAINT ").Append(SqliteTranslator.Quote(constraintName ?? $"{table}_{name}_key")).Append(" UNIQUE");
                i++;
            }
            else if (t.IsKeyword("default"))
            {
                var end = i + 1;
                while (end < e && !(tokens[end].Kind == SqlTokenKind.Identifier && ConstraintStarts.Contains(tokens[end].Value) && end > i + 1))
                    end = end < e && (tokens[end].IsPunctuation('(')) ? TypeNameReader.FindClose(tokens, end) + 1 : end + 1;
                var expression = new StringBuilder();
                writer.Write(i + 1, end, expression);
                constraints.Append(" DEFAULT (pg_cast(").Append(expression.ToString().Trim()).Append(", ")
                    .Append(type.Oid).Append(", ").Append(type.Modifier).Append("))");
                hasDefault = true;
                i = end;
            }
            else if (t.IsKeyword("check"))
            {
                var close = TypeNameReader.FindClose(tokens, i + 1);
                var expression = new StringBuilder();
                writer.Write(i + 1, close + 1, expression);
                constraints.Append(" CONSTRAINT ").Append(SqliteTranslator.Quote(constraintName ?? $"{table}_{name}_check"))
                    .Append(" CHECK ").Append(expression);
                i = close + 1;
            }
            else if (t.IsKeyword("references"))
            {
                var end = i + 2;
                if (end < e && tokens[end].IsPunctuation('('))
                    end = TypeNameReader.FindClose(tokens, end) + 1;
                var expression = new StringBuilder();
                writer.Write(i, end, expression);
                constraints.Append(' ').Append(expression);
                i = end;
                while (i < e && (tokens[i].IsKeyword("on") || tokens[i].IsKeyword("delete") || tokens[i].IsKeyword("update") ||
                                 tokens[i].IsKeyword("cascade") || tokens[i].IsKeyword("restrict") || tokens[i].IsKeyword("set") ||
                                 tokens[i].IsKeyword("null") || tokens[i].IsKeyword("no") || tokens[i].IsKeyword("action")))
                    constraints.Append(' ').Append(tokens[i++].Value.ToUpperInvariant());
            }
            else if (t.IsKeyword("generated"))
            {
                // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]
                while (i < e && !tokens[i].IsKeyword("identity"))
                    i++;
                i++;
                if (i < e && tokens[i].IsPunctuation('('))
                    i = TypeNameReader.FindClose(tokens, i) + 1;
                serial = true;
                notNull = true;
                hasDefault = true;
            }
            else if (t.IsKeyword("collate"))
            {
                i += 2;
            }
            else
            {
                throw PgLexer.Error("syntax error", sql, t.Start);
            }
        }
        string definition;
        if (serial && !primaryKey)
            throw new PgErrorException(SqlState.FeatureNotSupported,
                $"column \"{name}\": serial and identity columns are supported only as the primary key by the embedded store");
        if (primaryKey && serial)
            definition = $"{SqliteTranslator.Quote(name)} INTEGER CONSTRAINT {SqliteTranslator.Quote($"{table}_pkey")} PRIMARY KEY AUTOINCREMENT{constraints}";
        else if (primaryKey)
            definition = $"{SqliteTranslator.Quote(name)} {StorageValues.Affinity(type.Type)} CONSTRAINT {SqliteTranslator.Quote($"{table}_pkey")} PRIMARY KEY NOT NULL{constraints}";
        else
            definition = $"{SqliteTranslator.Quote(name)} {StorageValues.Affinity(type.Type)}{constraints}";
        return (new ColumnDefinition(name, type, number, notNull, hasDefault), definition);
    }

    private static string TableConstraint(IReadOnlyList<SqlToken> tokens, int s, int e, string table, ExpressionWriter writer)
    {
        string? name = null;
        if (tokens[s].IsKeyword("constraint"))
        {
            name = tokens[s + 1].Value;
            s += 2;
        }
        var body = new StringBuilder();
        writer.Write(s, e, body);
        var kind = tokens[s].Value;
        var columns = new List<string>();
        var open = s;
        while (open < e && !tokens[open].IsPunctuation('('))
            open++;
        if (open < e)
        {
            var close = TypeNameReader.FindClose(tokens, open);
            columns.AddRange(SelectListAnalyzer.SplitTopLevel(tokens, open + 1, close).Select(p => tokens[p.Start].Value));
        }
        name ??= kind switch
        {
            "primary" => $"{table}_pkey",
            "unique" => $"{table}_{string.Join('_', columns)}_key",
            "check" => $"{table}_check",
            _ => $"{table}_{string.Join('_', columns)}_fkey",
        };
        return $"CONSTRAINT {SqliteTranslator.Quote(name)} {body}";
    }
}

using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// CREATE TABLE, DROP TABLE and TRUNCATE (PostgreSQL manual, "SQL Commands"). Each becomes an action that
/// changes the SQLite schema and the server's catalogue in one statement savepoint.
/// </summary>
internal sealed class SqliteDdl(string sql, IReadOnlyList<SqlToken> tokens, Func<string, SqliteTableDefinition?> lookup)
{
    private static readonly HashSet<string> ConstraintStarts = new(StringComparer.Ordinal)
    {
        "constraint", "primary", "unique", "not", "null", "default", "check", "references", "generated", "collate",
    };

    private readonly string _sql = sql;
    private readonly IReadOnlyList<SqlToken> _t = tokens;

    public SqliteTranslation CreateTable()
    {
        var i = 1;
        if (i < _t.Count && (_t[i].IsKeyword("temp") || _t[i].IsKeyword("temporary")))
            throw Unsupported("temporary tables", _t[i]);
        if (i < _t.Count && _t[i].IsKeyword("unlogged"))
            i++;
        if (i >= _t.Count || !_t[i].IsKeyword("table"))
            throw new PgErrorException(SqlState.FeatureNotSupported,
                $"CREATE {(i < _t.Count ? _t[i].Text(_sql).ToUpperInvariant() : string.Empty)} is not supported by the SQLite backend");
        i++;
        var ifNotExists = false;
        if (i + 2 < _t.Count && _t[i].IsKeyword("if") && _t[i + 1].IsKeyword("not") && _t[i + 2].IsKeyword("exists"))
        {
            ifNotExists = true;
            i += 3;
        }
        var name = RelationName(ref i);
        if (name.StartsWith("__pgwire", StringComparison.Ordinal) || name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
            throw new PgErrorException(SqlState.ReservedName, $"table name \"{name}\" is reserved");
        Expect(ref i, '(');

        var columns = new List<SqliteColumnDefinition>();
        var columnSql = new List<string>();
        var tableConstraints = new List<string>();
        var constraints = new List<(string Name, string Kind, string Columns)>();
        var scope = new SqliteScope();
        string? primaryKey = null;
        var checkCount = 0;

        while (true)
        {
            var elementStart = _t[i];
            string? constraintName = null;
            if (_t[i].IsKeyword("constraint"))
            {
                constraintName = _t[i + 1].Value;
                i += 2;
            }
            if (_t[i].IsKeyword("primary") || _t[i].IsKeyword("unique") || _t[i].IsKeyword("check") || _t[i].IsKeyword("foreign"))
            {
                var kind = _t[i].Value;
                if (kind == "primary")
                {
                    i += 2;
                    var cols = ColumnList(ref i, columns);
                    if (primaryKey is not null)
                        throw new PgErrorException(SqlState.InvalidTableDefinition, $"multiple primary keys for table \"{name}\" are not allowed");
                    primaryKey = constraintName ?? name + "_pkey";
                    MarkNotNull(columns, columnSql, cols);
                    tableConstraints.Add($"CONSTRAINT {Q(primaryKey)} PRIMARY KEY ({string.Join(", ", cols.Select(Q))})");
                    constraints.Add((primaryKey, "p", string.Join(",", cols)));
                }
                else if (kind == "unique")
                {
                    i++;
                    var cols = ColumnList(ref i, columns);
                    var cname = constraintName ?? $"{name}_{string.Join("_", cols)}_key";
                    tableConstraints.Add($"CONSTRAINT {Q(cname)} UNIQUE ({string.Join(", ", cols.Select(Q))})");
                    constraints.Add((cname, "u", string.Join(",", cols)));
                }
                else if (kind == "check")
                {
                    i++;
                    var cname = constraintName ?? (checkCount++ == 0 ? $"{name}_check" : $"{name}_check{checkCount - 1}");
                    tableConstraints.Add($"CONSTRAINT {Q(cname)} CHECK {Check(ref i, scope, columns, name)}");
                    constraints.Add((cname, "c", string.Empty));
                }
                else
                {
                    i += 2;
                    var cols = ColumnList(ref i, columns);
                    var cname = constraintName ?? $"{name}_{string.Join("_", cols)}_fkey";
                    tableConstraints.Add($"CONSTRAINT {Q(cname)} FOREIGN KEY ({string.Join(", ", cols.Select(Q))}) {References(ref i)}");
                    constraints.Add((cname, "f", string.Join(",", cols)));
                }
            }
            else if (constraintName is not null || _t[i].IsKeyword("like") || _t[i].IsKeyword("exclude"))
            {
                throw SqlSyntaxError.AtToken(_sql, _t[i]);
            }
            else
            {
                ParseColumn(ref i, name, columns, columnSql, constraints, ref primaryKey, scope);
            }
            if (i < _t.Count && _t[i].IsPunctuation(','))
            {
                i++;
                continue;
            }
            if (i < _t.Count && _t[i].IsPunctuation(')'))
            {
                i++;
                break;
            }
            _ = elementStart;
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        }
        if (i < _t.Count)
            throw Unsupported("CREATE TABLE options", _t[i]);

        var ddl = new StringBuilder("CREATE TABLE ").Append(Q(name)).Append(" (")
            .Append(string.Join(", ", columnSql.Concat(tableConstraints))).Append(')').ToString();
        return new SqliteTranslation
        {
            Ddl = session =>
            {
                if (session.FindTable(name) is not null)
                {
                    if (ifNotExists)
                        return "CREATE TABLE";
                    throw new PgErrorException(SqlState.DuplicateTable, $"relation \"{name}\" already exists");
                }
                session.ExecuteRaw(ddl);
                SqliteCatalog.Insert(session.Connection, "public", name, columns, constraints);
                return "CREATE TABLE";
            },
        };
    }

    private void ParseColumn(ref int i, string table, List<SqliteColumnDefinition> columns, List<string> columnSql,
        List<(string Name, string Kind, string Columns)> constraints, ref string? primaryKey, SqliteScope scope)
    {
        if (!_t[i].IsAnyIdentifier)
            throw SqlSyntaxError.AtToken(_sql, _t[i]);
        var colToken = _t[i];
        var colName = _t[i].Value;
        if (columns.Any(c => c.Name == colName))
            throw new PgErrorException(SqlState.DuplicateColumn, $"column \"{colName}\" specified more than once");
        i++;
        // The type runs to the first constraint key word, ',' or ')' outside parentheses.
        var typeStart = i;
        var depth = 0;
        while (i < _t.Count)
        {
            var t = _t[i];
            if (t.IsPunctuation('('))
                depth++;
            else if (t.IsPunctuation(')'))
            {
                if (depth == 0)
                    break;
                depth--;
            }
            else if (depth == 0 && (t.IsPunctuation(',') || ConstraintStarts.Contains(t.Kind == SqlTokenKind.Identifier ? t.Value : string.Empty)))
                break;
            i++;
        }
        if (i == typeStart)
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        var typeText = _sql[_t[typeStart].Start.._t[i - 1].End];
        var serial = false;
        PgTypeRef type;
        switch (typeText.ToLowerInvariant())
        {
            // serial types are integer columns with a sequence default (PostgreSQL manual, "Serial Types").
            case "serial" or "serial4":
                (type, serial) = (new PgTypeRef(PgTypeCatalog.Int4), true);
                break;
            case "bigserial" or "serial8":
                (type, serial) = (new PgTypeRef(PgTypeCatalog.Int8), true);
                break;
            case "smallserial" or "serial2":
                (type, serial) = (new PgTypeRef(PgTypeCatalog.Int2), true);
                break;
            default:
                type = PgTypeNames.Parse(typeText);
                break;
        }
        var notNull = serial;
        string? defaultExpr = null;
        var extra = new StringBuilder();
        while (i < _t.Count && !_t[i].IsPunctuation(',') && !_t[i].IsPunctuation(')'))
        {
            string? cname = null;
            if (_t[i].IsKeyword("constraint"))
            {
                cname = _t[i + 1].Value;
                i += 2;
            }
            var t = _t[i];
            if (t.IsKeyword("not") && i + 1 < _t.Count && _t[i + 1].IsKeyword("null"))
            {
                notNull = true;
                i += 2;
            }
            else if (t.IsKeyword("null"))
            {
                i++;
            }
            else if (t.IsKeyword("primary"))
            {
                i += 2;
                if (primaryKey is not null)
                    throw new PgErrorException(SqlState.InvalidTableDefinition, $"multiple primary keys for table \"{table}\" are not allowed");
                primaryKey = cname ?? table + "_pkey";
                notNull = true;
                extra.Append($" CONSTRAINT {Q(primaryKey)} PRIMARY KEY");
                constraints.Add((primaryKey, "p", colName));
            }
            else if (t.IsKeyword("unique"))
            {
                i++;
                var un = cname ?? $"{table}_{colName}_key";
                extra.Append($" CONSTRAINT {Q(un)} UNIQUE");
                constraints.Add((un, "u", colName));
            }
            else if (t.IsKeyword("default"))
            {
                i++;
                var start = i;
                var d = 0;
                while (i < _t.Count)
                {
                    var x = _t[i];
                    if (x.IsPunctuation('('))
                        d++;
                    else if (x.IsPunctuation(')'))
                    {
                        if (d == 0)
                            break;
                        d--;
                    }
                    else if (d == 0 && (x.IsPunctuation(',') || (x.Kind == SqlTokenKind.Identifier && ConstraintStarts.Contains(x.Value) && x.Value is not ("null" or "not"))))
                        break;
                    i++;
                }
                if (i == start)
                    throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
                defaultExpr = _sql[_t[start].Start.._t[i - 1].End];
                // Translate once now so that an unsupported default fails at CREATE time, not at the first INSERT.
                var dt = PgLexer.Tokenize(defaultExpr);
                new SqliteExpressionWriter(defaultExpr, dt, new SqliteScope(), []).EmitRange(0, dt.Count, true);
            }
            else if (t.IsKeyword("check"))
            {
                i++;
                var ck = cname ?? $"{table}_{colName}_check";
                var pending = new SqliteColumnDefinition(colName, type, (short)(columns.Count + 1), notNull, null, serial);
                extra.Append($" CONSTRAINT {Q(ck)} CHECK {Check(ref i, scope, [.. columns, pending], table)}");
                constraints.Add((ck, "c", colName));
            }
            else if (t.IsKeyword("references"))
            {
                var fk = cname ?? $"{table}_{colName}_fkey";
                extra.Append($" CONSTRAINT {Q(fk)} {References(ref i)}");
                constraints.Add((fk, "f", colName));
            }
            else if (t.IsKeyword("generated"))
            {
                // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [( options )]: an identity column, like serial.
                i++;
                while (i < _t.Count && !_t[i].IsKeyword("as"))
                    i++;
                i++;
                if (i >= _t.Count || !_t[i].IsKeyword("identity"))
                    throw Unsupported("generated columns", t);
                i++;
                if (i < _t.Count && _t[i].IsPunctuation('('))
                {
                    while (i < _t.Count && !_t[i].IsPunctuation(')'))
                        i++;
                    i++;
                }
                serial = true;
                notNull = true;
            }
            else
            {
                throw Unsupported($"column constraint {t.Text(_sql).ToUpperInvariant()}", t);
            }
        }
        _ = colToken;
        var column = new SqliteColumnDefinition(colName, type, (short)(columns.Count + 1), notNull, defaultExpr, serial);
        columns.Add(column);
        columnSql.Add($"{Q(colName)} {SqliteValues.StorageType(type.Type)}{(notNull ? " NOT NULL" : string.Empty)}{extra}");
    }

    private static void MarkNotNull(List<SqliteColumnDefinition> columns, List<string> columnSql, List<string> names)
    {
        foreach (var n in names)
        {
            var k = columns.FindIndex(c => c.Name == n);
            if (k >= 0 && !columns[k].NotNull)
            {
                columns[k] = columns[k] with { NotNull = true };
                var q = Q(n) + " " + SqliteValues.StorageType(columns[k].Type.Type);
                columnSql[k] = q + " NOT NULL" + columnSql[k][q.Length..];
            }
        }
    }

    /// <summary>CHECK (expr): translated with literals inline, since DDL takes no parameters.</summary>
    private string Check(ref int i, SqliteScope scope, List<SqliteColumnDefinition> columns, string table)
    {
        var tableDef = new SqliteTableDefinition("public", table, 0, columns);
        var local = new SqliteScope();
        local.Add(table, tableDef, topLevel: true);
        _ = scope;
        var w = new SqliteExpressionWriter(_sql, _t, local, []) { InlineLiterals = true };
        var group = w.ParsePrimary(ref i, _t.Count);
        if (w.Slots.Count > 0)
            throw Unsupported("parameters in CHECK", _t[i - 1]);
        return group.Sql;
    }

    /// <summary>REFERENCES t [(cols)] [MATCH ...] [ON DELETE|UPDATE action]...; SQLite has the same clause.</summary>
    private string References(ref int i)
    {
        i++;
        var target = RelationName(ref i);
        if (lookup(target) is null)
            throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{target}\" does not exist");
        var sb = new StringBuilder("REFERENCES ").Append(Q(target));
        if (i < _t.Count && _t[i].IsPunctuation('('))
        {
            i++;
            var cols = new List<string>();
            while (i < _t.Count && !_t[i].IsPunctuation(')'))
            {
                if (_t[i].IsAnyIdentifier)
                    cols.Add(Q(_t[i].Value));
                i++;
            }
            i++;
            sb.Append(" (").Append(string.Join(", ", cols)).Append(')');
        }
        while (i < _t.Count && _t[i].IsKeyword("on"))
        {
            var which = _t[i + 1].Value.ToUpperInvariant();
            i += 2;
            string action;
            if (_t[i].IsKeyword("no") || _t[i].IsKeyword("set"))
            {
                action = _t[i].Value.ToUpperInvariant() + " " + _t[i + 1].Value.ToUpperInvariant();
                i += 2;
            }
            else
            {
                action = _t[i].Value.ToUpperInvariant();
                i++;
            }
            sb.Append(" ON ").Append(which).Append(' ').Append(action);
        }
        return sb.ToString();
    }

    private List<string> ColumnList(ref int i, List<SqliteColumnDefinition> columns)
    {
        Expect(ref i, '(');
        var names = new List<string>();
        while (true)
        {
            if (!_t[i].IsAnyIdentifier)
                throw SqlSyntaxError.AtToken(_sql, _t[i]);
            var n = _t[i].Value;
            if (columns.All(c => c.Name != n))
                throw new PgErrorException(SqlState.UndefinedColumn, $"column \"{n}\" named in key does not exist") { Position = PgLexer.PositionOf(_sql, _t[i].Start) };
            names.Add(n);
            i++;
            if (_t[i].IsPunctuation(','))
            {
                i++;
                continue;
            }
            Expect(ref i, ')');
            return names;
        }
    }

    public SqliteTranslation DropTable()
    {
        var i = 1;
        if (i >= _t.Count || !_t[i].IsKeyword("table"))
            throw new PgErrorException(SqlState.FeatureNotSupported,
                $"DROP {(i < _t.Count ? _t[i].Text(_sql).ToUpperInvariant() : string.Empty)} is not supported by the SQLite backend");
        i++;
        var ifExists = false;
        if (i + 1 < _t.Count && _t[i].IsKeyword("if") && _t[i + 1].IsKeyword("exists"))
        {
            ifExists = true;
            i += 2;
        }
        var names = NameList(ref i);
        if (i < _t.Count && (_t[i].IsKeyword("cascade") || _t[i].IsKeyword("restrict")))
            i++;
        if (i < _t.Count)
            throw SqlSyntaxError.AtToken(_sql, _t[i]);
        return new SqliteTranslation
        {
            Ddl = session =>
            {
                // All names are checked before anything is dropped: DROP TABLE is all or nothing.
                var found = new List<SqliteTableDefinition>();
                foreach (var n in names)
                {
                    var t = session.FindTable(n);
                    if (t is null && !ifExists)
                        throw new PgErrorException(SqlState.UndefinedTable, $"table \"{n}\" does not exist");
                    if (t is not null)
                        found.Add(t);
                }
                foreach (var t in found)
                {
                    session.ExecuteRaw("DROP TABLE " + Q(t.Name));
                    SqliteCatalog.Delete(session.Connection, t.Oid);
                }
                return "DROP TABLE";
            },
        };
    }

    public SqliteTranslation Truncate()
    {
        var i = 1;
        if (i < _t.Count && _t[i].IsKeyword("table"))
            i++;
        var names = NameList(ref i);
        var restart = false;
        while (i < _t.Count)
        {
            if (_t[i].IsKeyword("restart") || _t[i].IsKeyword("continue"))
            {
                restart = _t[i].IsKeyword("restart");
                i += 2;
            }
            else if (_t[i].IsKeyword("cascade") || _t[i].IsKeyword("restrict"))
            {
                i++;
            }
            else
            {
                throw SqlSyntaxError.AtToken(_sql, _t[i]);
            }
        }
        return new SqliteTranslation
        {
            Ddl = session =>
            {
                var found = names.Select(n => session.FindTable(n)
                    ?? throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{n}\" does not exist")).ToList();
                foreach (var t in found)
                {
                    session.ExecuteRaw("DELETE FROM " + Q(t.Name));
                    if (restart)
                        session.Sequences.Reset(t.Oid);
                }
                return "TRUNCATE TABLE";
            },
        };
    }

    private List<string> NameList(ref int i)
    {
        var names = new List<string>();
        while (true)
        {
            if (i < _t.Count && _t[i].IsKeyword("only"))
                i++;
            names.Add(RelationName(ref i));
            if (i < _t.Count && _t[i].IsOperator("*"))
                i++;
            if (i < _t.Count && _t[i].IsPunctuation(','))
            {
                i++;
                continue;
            }
            return names;
        }
    }

    private string RelationName(ref int i)
    {
        if (i >= _t.Count || !_t[i].IsAnyIdentifier)
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        var name = _t[i].Value;
        i++;
        if (i + 1 < _t.Count && _t[i].IsPunctuation('.') && _t[i + 1].IsAnyIdentifier)
        {
            if (name != "public")
                throw new PgErrorException(SqlState.InvalidSchemaName, $"schema \"{name}\" does not exist");
            name = _t[i + 1].Value;
            i += 2;
        }
        return name;
    }

    private void Expect(ref int i, char c)
    {
        if (i >= _t.Count || !_t[i].IsPunctuation(c))
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        i++;
    }

    private PgErrorException Unsupported(string what, SqlToken at) =>
        new(SqlState.FeatureNotSupported, $"{what} is not supported by the SQLite backend") { Position = PgLexer.PositionOf(_sql, at.Start) };

    private static string Q(string name) => SqliteExpressionWriter.Quote(name);
}

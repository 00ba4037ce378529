using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Translates one PostgreSQL statement (SELECT, INSERT, UPDATE, DELETE, CREATE TABLE, DROP TABLE,
/// TRUNCATE) into SQLite, and types its results. DDL is handed to <see cref="SqliteDdl"/>.
/// </summary>
internal sealed class SqliteStatementTranslator
{
    /// <summary>Key words that can follow a table name and are not its alias (reserved in PostgreSQL's grammar).</summary>
    private static readonly FrozenSet<string> NotAliases = FrozenSet.ToFrozenSet(
    [
        "set", "where", "returning", "using", "values", "default", "select", "with", "on", "left", "right", "full", "inner",
        "outer", "cross", "natural", "join", "group", "order", "limit", "offset", "having", "union", "intersect", "except",
        "window", "fetch", "for", "as",
    ], StringComparer.Ordinal);

    private readonly string _sql;
    private readonly IReadOnlyList<SqlToken> _t;
    private readonly IReadOnlyList<PgType?> _givenTypes;
    private readonly Func<string, SqliteTableDefinition?> _lookup;

    public SqliteStatementTranslator(string sql, IReadOnlyList<PgType?> givenTypes, Func<string, SqliteTableDefinition?> lookup)
    {
        _sql = sql;
        _t = PgLexer.Tokenize(sql);
        _givenTypes = givenTypes;
        _lookup = lookup;
    }

    public SqliteTranslation Translate()
    {
        if (_t.Count == 0)
            throw new PgErrorException(SqlState.SyntaxError, "empty statement");
        if (_t[^1].IsPunctuation(';'))
            throw SqlSyntaxError.AtToken(_sql, _t[^1]);
        var first = _t[0];
        if (first.IsPunctuation('(') || first.IsKeyword("select") || first.IsKeyword("with") || first.IsKeyword("values"))
            return Select();
        if (first.IsKeyword("insert"))
            return Insert();
        if (first.IsKeyword("update"))
            return Update();
        if (first.IsKeyword("delete"))
            return Delete();
        if (first.IsKeyword("create"))
            return new SqliteDdl(_sql, _t, _lookup).CreateTable();
        if (first.IsKeyword("drop"))
            return new SqliteDdl(_sql, _t, _lookup).DropTable();
        if (first.IsKeyword("truncate"))
            return new SqliteDdl(_sql, _t, _lookup).Truncate();
        throw new PgErrorException(SqlState.FeatureNotSupported,
            $"{first.Text(_sql).ToUpperInvariant()} is not supported by the SQLite backend") { Position = 1 };
    }

    private SqliteTranslation Select()
    {
        var scope = BuildScope();
        var w = Writer(scope);
        var e = w.EmitRange(0, _t.Count, collectFromStart: false);
        var columns = Columns(e.Items, scope, out var fromReader);
        return new SqliteTranslation
        {
            Sql = e.Sql, Slots = w.Slots, MaxParameter = w.MaxParameter, Columns = columns,
            ColumnsFromReader = fromReader, TagVerb = "SELECT",
        };
    }

    private SqliteExpressionWriter Writer(SqliteScope scope) => new(_sql, _t, scope, _givenTypes);

    /// <summary>The relation name at <paramref name="i"/> (optionally public-qualified), looked up; 42P01 when missing.</summary>
    private SqliteTableDefinition TargetTable(ref int i, out SqlToken at)
    {
        if (i < _t.Count && _t[i].IsKeyword("only"))
            i++;
        if (i >= _t.Count || !_t[i].IsAnyIdentifier)
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        at = _t[i];
        var name = _t[i].Value;
        i++;
        if (i + 1 < _t.Count && _t[i].IsPunctuation('.') && _t[i + 1].IsAnyIdentifier)
        {
            if (name != "public")
                throw new PgErrorException(SqlState.InvalidSchemaName, $"schema \"{name}\" does not exist") { Position = PgLexer.PositionOf(_sql, at.Start) };
            name = _t[i + 1].Value;
            i += 2;
        }
        return _lookup(name) ?? throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{name}\" does not exist")
        {
            Position = PgLexer.PositionOf(_sql, at.Start),
        };
    }

    private string? Alias(ref int i)
    {
        if (i < _t.Count && _t[i].IsKeyword("as"))
        {
            i++;
            return _t[i++].Value;
        }
        if (i < _t.Count && _t[i].Kind == SqlTokenKind.QuotedIdentifier)
            return _t[i++].Value;
        if (i < _t.Count && _t[i].Kind == SqlTokenKind.Identifier && !NotAliases.Contains(_t[i].Value))
            return _t[i++].Value;
        return null;
    }

    private SqliteTranslation Insert()
    {
        var i = 1;
        if (i >= _t.Count || !_t[i].IsKeyword("into"))
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        i++;
        var table = TargetTable(ref i, out _);
        var alias = i < _t.Count && _t[i].IsKeyword("as") ? Alias(ref i) : null;
        var scope = new SqliteScope();
        scope.Add(alias ?? table.Name, table, topLevel: true);
        scope.Add("excluded", table, topLevel: false);
        var w = Writer(scope);

        var targets = new List<SqliteColumnDefinition>();
        if (i < _t.Count && _t[i].IsPunctuation('(') && !(i + 1 < _t.Count && (_t[i + 1].IsKeyword("select") || _t[i + 1].IsKeyword("with"))))
        {
            i++;
            while (true)
            {
                if (i >= _t.Count || !_t[i].IsAnyIdentifier)
                    throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
                var c = table.FindColumn(_t[i].Value) ?? throw new PgErrorException(SqlState.UndefinedColumn,
                    $"column \"{_t[i].Value}\" of relation \"{table.Name}\" does not exist") { Position = PgLexer.PositionOf(_sql, _t[i].Start) };
                if (targets.Contains(c))
                    throw new PgErrorException(SqlState.DuplicateColumn, $"column \"{c.Name}\" specified more than once") { Position = PgLexer.PositionOf(_sql, _t[i].Start) };
                targets.Add(c);
                i++;
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
                throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
            }
        }
        else
        {
            targets.AddRange(table.Columns);
        }

        // Where the source ends: ON CONFLICT or RETURNING at depth 0.
        var sourceEnd = _t.Count;
        var depth = 0;
        for (var k = i; k < _t.Count; k++)
        {
            if (_t[k].IsPunctuation('('))
                depth++;
            else if (_t[k].IsPunctuation(')'))
                depth--;
            else if (depth == 0 && (_t[k].IsKeyword("returning") || (_t[k].IsKeyword("on") && k + 1 < _t.Count && _t[k + 1].IsKeyword("conflict"))))
            {
                sourceEnd = k;
                break;
            }
        }

        var translation = new SqliteTranslation { TagVerb = "INSERT" };
        var omitted = table.Columns.Where(c => !targets.Contains(c) && c.HasDefault).ToList();
        var columnList = string.Join(", ", targets.Concat(omitted).Select(c => SqliteExpressionWriter.Quote(c.Name)));
        var sb = new StringBuilder();
        if (i < sourceEnd && _t[i].IsKeyword("default"))
        {
            if (i + 1 >= _t.Count || !_t[i + 1].IsKeyword("values"))
                throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i + 1);
            i += 2;
            if (omitted.Count == 0)
            {
                sb.Append("INSERT INTO ").Append(SqliteExpressionWriter.Quote(table.Name)).Append(" DEFAULT VALUES");
            }
            else
            {
                sb.Append("INSERT INTO ").Append(SqliteExpressionWriter.Quote(table.Name)).Append(" (").Append(columnList).Append(") VALUES (")
                    .Append(string.Join(", ", omitted.Select(c => DefaultValue(table, c, w, translation)))).Append(')');
            }
        }
        else if (i < sourceEnd && _t[i].IsKeyword("values"))
        {
            i++;
            sb.Append("INSERT INTO ").Append(SqliteExpressionWriter.Quote(table.Name)).Append(" (").Append(columnList).Append(") VALUES ");
            var firstRow = true;
            while (true)
            {
                if (i >= sourceEnd || !_t[i].IsPunctuation('('))
                    throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
                var rowStart = _t[i];
                i++;
                var values = new List<string>();
                while (true)
                {
                    if (values.Count >= targets.Count)
                        throw new PgErrorException(SqlState.SyntaxError, "INSERT has more expressions than target columns") { Position = PgLexer.PositionOf(_sql, _t[i].Start) };
                    var column = targets[values.Count];
                    if (_t[i].IsKeyword("default") && i + 1 < sourceEnd && (_t[i + 1].IsPunctuation(',') || _t[i + 1].IsPunctuation(')')))
                    {
                        values.Add(column.HasDefault ? DefaultValue(table, column, w, translation) : "NULL");
                        i++;
                    }
                    else
                    {
                        var e = w.Emit(ref i, sourceEnd, true, t => t.IsPunctuation(','));
                        if (e.Items.Count == 1)
                            w.InferSlot(e.Items[0].Single, column.Type);
                        values.Add(In(e.Sql, column.Type));
                    }
                    if (i < sourceEnd && _t[i].IsPunctuation(','))
                    {
                        i++;
                        continue;
                    }
                    if (i < sourceEnd && _t[i].IsPunctuation(')'))
                    {
                        i++;
                        break;
                    }
                    throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
                }
                if (values.Count < targets.Count)
                    throw new PgErrorException(SqlState.SyntaxError, "INSERT has more target columns than expressions") { Position = PgLexer.PositionOf(_sql, rowStart.Start) };
                values.AddRange(omitted.Select(c => DefaultValue(table, c, w, translation)));
                if (!firstRow)
                    sb.Append(", ");
                firstRow = false;
                sb.Append('(').Append(string.Join(", ", values)).Append(')');
                if (i < sourceEnd && _t[i].IsPunctuation(','))
                {
                    i++;
                    continue;
                }
                break;
            }
        }
        else if (i < sourceEnd && (_t[i].IsKeyword("select") || _t[i].IsKeyword("with") || _t[i].IsPunctuation('(')))
        {
            var e = w.Emit(ref i, sourceEnd, false);
            var names = Enumerable.Range(1, targets.Count).Select(k => "\"__c" + k.ToString(CultureInfo.InvariantCulture) + "\"").ToList();
            for (var k = 0; k < targets.Count && k < e.Items.Count; k++)
                w.InferSlot(e.Items[k].Single, targets[k].Type);
            if (e.Items.Count > targets.Count)
                throw new PgErrorException(SqlState.SyntaxError, "INSERT has more expressions than target columns");
            if (e.Items.Count < targets.Count && e.Items.Count > 0 && !e.Items.Any(it => it.Single?.Star is not null))
                throw new PgErrorException(SqlState.SyntaxError, "INSERT has more target columns than expressions");
            sb.Append("WITH \"__src\" (").Append(string.Join(", ", names)).Append(") AS (").Append(e.Sql).Append(") INSERT INTO ")
                .Append(SqliteExpressionWriter.Quote(table.Name)).Append(" (").Append(columnList).Append(") SELECT ")
                .Append(string.Join(", ", targets.Select((c, k) => In(names[k], c.Type))
                    .Concat(omitted.Select(c => DefaultValue(table, c, w, translation)))))
                .Append(" FROM \"__src\" WHERE 1");
        }
        else
        {
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        }
        if (i != sourceEnd)
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);

        if (i < _t.Count && _t[i].IsKeyword("on"))
            sb.Append(' ').Append(OnConflict(ref i, table, w, translation));
        var columns = (IReadOnlyList<SqliteResultColumn>?)null;
        if (i < _t.Count)
        {
            var e = w.Emit(ref i, _t.Count, false);
            if (i < _t.Count)
                throw SqlSyntaxError.AtToken(_sql, _t[i]);
            sb.Append(' ').Append(e.Sql);
            columns = Columns(e.Items, scope, out _);
        }
        return new SqliteTranslation
        {
            Sql = sb.ToString(), Slots = w.Slots, MaxParameter = w.MaxParameter, Columns = columns, TagVerb = "INSERT",
            Sequences = translation.Sequences,
        };
    }

    private string OnConflict(ref int i, SqliteTableDefinition table, SqliteExpressionWriter w, SqliteTranslation translation)
    {
        var sb = new StringBuilder("ON CONFLICT");
        i += 2;
        if (i < _t.Count && _t[i].IsKeyword("on"))
            throw w.Unsupported("ON CONFLICT ON CONSTRAINT", _t[i]);
        if (i < _t.Count && _t[i].IsPunctuation('('))
        {
            var target = w.ParsePrimary(ref i, _t.Count);
            sb.Append(' ').Append(target.Sql);
            if (i < _t.Count && _t[i].IsKeyword("where"))
                throw w.Unsupported("ON CONFLICT ... WHERE", _t[i]);
        }
        if (i + 1 >= _t.Count || !_t[i].IsKeyword("do"))
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        i++;
        if (_t[i].IsKeyword("nothing"))
        {
            i++;
            return sb.Append(" DO NOTHING").ToString();
        }
        if (!_t[i].IsKeyword("update"))
            throw SqlSyntaxError.AtToken(_sql, _t[i]);
        i++;
        sb.Append(" DO UPDATE ").Append(SetList(ref i, table, w, translation));
        if (i < _t.Count && _t[i].IsKeyword("where"))
        {
            var e = w.Emit(ref i, _t.Count, false, t => t.IsKeyword("returning"));
            sb.Append(' ').Append(e.Sql);
        }
        return sb.ToString();
    }

    /// <summary>SET c = expr, ... with each value converted to its column's type.</summary>
    private string SetList(ref int i, SqliteTableDefinition table, SqliteExpressionWriter w, SqliteTranslation translation)
    {
        if (i >= _t.Count || !_t[i].IsKeyword("set"))
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        i++;
        var assignments = new List<string>();
        static bool Stop(SqlToken t) => t.IsPunctuation(',') || t.IsKeyword("where") || t.IsKeyword("from") || t.IsKeyword("returning");
        while (true)
        {
            if (i >= _t.Count || !_t[i].IsAnyIdentifier)
            {
                if (i < _t.Count && _t[i].IsPunctuation('('))
                    throw w.Unsupported("multiple-column assignment", _t[i]);
                throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
            }
            var column = table.FindColumn(_t[i].Value) ?? throw new PgErrorException(SqlState.UndefinedColumn,
                $"column \"{_t[i].Value}\" of relation \"{table.Name}\" does not exist") { Position = PgLexer.PositionOf(_sql, _t[i].Start) };
            i++;
            if (i >= _t.Count || !_t[i].IsOperator("="))
                throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
            i++;
            string value;
            if (i < _t.Count && _t[i].IsKeyword("default") && (i + 1 >= _t.Count || Stop(_t[i + 1])))
            {
                value = column.HasDefault ? DefaultValue(table, column, w, translation) : "NULL";
                i++;
            }
            else
            {
                var e = w.Emit(ref i, _t.Count, true, Stop);
                if (e.Items.Count == 1)
                    w.InferSlot(e.Items[0].Single, column.Type);
                value = In(e.Sql, column.Type);
            }
            assignments.Add(SqliteExpressionWriter.Quote(column.Name) + " = " + value);
            if (i < _t.Count && _t[i].IsPunctuation(','))
            {
                i++;
                continue;
            }
            break;
        }
        return "SET " + string.Join(", ", assignments);
    }

    private SqliteTranslation Update()
    {
        var i = 1;
        var table = TargetTable(ref i, out _);
        var alias = Alias(ref i);
        var scope = BuildScope();
        scope.Add(alias ?? table.Name, table, topLevel: true);
        var w = Writer(scope);
        var translation = new SqliteTranslation();
        var sb = new StringBuilder("UPDATE ").Append(SqliteExpressionWriter.Quote(table.Name));
        if (alias is not null)
            sb.Append(" AS ").Append(SqliteExpressionWriter.Quote(alias));
        sb.Append(' ').Append(SetList(ref i, table, w, translation));
        var rest = w.Emit(ref i, _t.Count, false);
        if (i < _t.Count)
            throw SqlSyntaxError.AtToken(_sql, _t[i]);
        sb.Append(' ').Append(rest.Sql);
        var hasReturning = _t.Any(t => t.IsKeyword("returning"));
        return new SqliteTranslation
        {
            Sql = sb.ToString(), Slots = w.Slots, MaxParameter = w.MaxParameter, TagVerb = "UPDATE",
            Columns = hasReturning ? Columns(rest.Items, scope, out _) : null, Sequences = translation.Sequences,
        };
    }

    private SqliteTranslation Delete()
    {
        var i = 1;
        if (i >= _t.Count || !_t[i].IsKeyword("from"))
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        i++;
        var table = TargetTable(ref i, out _);
        var alias = Alias(ref i);
        if (i < _t.Count && _t[i].IsKeyword("using"))
            throw new PgErrorException(SqlState.FeatureNotSupported, "DELETE ... USING is not supported by the SQLite backend") { Position = PgLexer.PositionOf(_sql, _t[i].Start) };
        var scope = BuildScope();
        scope.Add(alias ?? table.Name, table, topLevel: true);
        var w = Writer(scope);
        var sb = new StringBuilder("DELETE FROM ").Append(SqliteExpressionWriter.Quote(table.Name));
        if (alias is not null)
            sb.Append(" AS ").Append(SqliteExpressionWriter.Quote(alias));
        var rest = w.Emit(ref i, _t.Count, false);
        if (i < _t.Count)
            throw SqlSyntaxError.AtToken(_sql, _t[i]);
        sb.Append(' ').Append(rest.Sql);
        var hasReturning = _t.Any(t => t.IsKeyword("returning"));
        return new SqliteTranslation
        {
            Sql = sb.ToString(), Slots = w.Slots, MaxParameter = w.MaxParameter, TagVerb = "DELETE",
            Columns = hasReturning ? Columns(rest.Items, scope, out _) : null,
        };
    }

    /// <summary>pg_in converts a value to the column's type with PostgreSQL's assignment checks.</summary>
    private static string In(string expression, PgTypeRef type) =>
        string.Create(CultureInfo.InvariantCulture, $"pg_in({expression}, {type.Oid}, {type.Modifier})");

    /// <summary>A column's default for an INSERT that omits it or says DEFAULT: nextval for serials, else the stored expression.</summary>
    private string DefaultValue(SqliteTableDefinition table, SqliteColumnDefinition column, SqliteExpressionWriter w, SqliteTranslation translation)
    {
        if (column.IsSerial)
        {
            if (!translation.Sequences.Contains((table, column)))
                translation.Sequences.Add((table, column));
            return string.Create(CultureInfo.InvariantCulture, $"pg_nextval({table.Oid}, {column.Number})");
        }
        if (column.DefaultExpression is null)
            return "NULL";
        var tokens = PgLexer.Tokenize(column.DefaultExpression);
        var dw = new SqliteExpressionWriter(column.DefaultExpression, tokens, new SqliteScope(), [], w.Slots);
        var e = dw.EmitRange(0, tokens.Count, true);
        return In(e.Sql, column.Type);
    }

    private static IReadOnlyList<SqliteResultColumn> Columns(List<SqliteSelectItem> items, SqliteScope scope, out bool fromReader)
    {
        fromReader = false;
        var columns = new List<SqliteResultColumn>();
        foreach (var item in items)
        {
            if (item.Single?.Star is { } qualifier && item.OperandCount == 1)
            {
                var tables = qualifier.Length == 0 ? scope.TopLevel : scope.Table(qualifier) is { } t ? [t] : [];
                if (tables.Count == 0 || (qualifier.Length == 0 && !scope.Complete))
                {
                    fromReader = true;
                    continue;
                }
                foreach (var table in tables)
                {
                    foreach (var c in table.Columns)
                        columns.Add(new SqliteResultColumn(c.Name, c.Type, table.Oid, c.Number));
                }
                continue;
            }
            var single = item.OperandCount == 1 && !item.IsBoolean && !item.IsText ? item.Single : null;
            columns.Add(new SqliteResultColumn(item.ResultName, item.ResultType, single?.TableOid ?? 0, single?.ColumnNumber ?? 0));
        }
        return columns;
    }

    /// <summary>
    /// The tables named after FROM, JOIN, UPDATE and INTO anywhere in the statement, by alias; those of the
    /// outermost FROM in order, for expanding <c>*</c>.
    /// </summary>
    private SqliteScope BuildScope()
    {
        var scope = new SqliteScope();
        var depth = 0;
        var fromDepths = new HashSet<int>();
        var expectTable = false;
        for (var i = 0; i < _t.Count; i++)
        {
            var t = _t[i];
            if (t.IsPunctuation('('))
            {
                if (expectTable && depth == 0)
                    scope.Complete = false;
                expectTable = false;
                depth++;
                continue;
            }
            if (t.IsPunctuation(')'))
            {
                fromDepths.Remove(depth);
                depth--;
                continue;
            }
            if (t.IsKeyword("from") || t.IsKeyword("join"))
            {
                expectTable = true;
                if (t.IsKeyword("from"))
                    fromDepths.Add(depth);
                continue;
            }
            if (t.IsKeyword("where") || t.IsKeyword("group") || t.IsKeyword("order") || t.IsKeyword("limit") || t.IsKeyword("having")
                || t.IsKeyword("union") || t.IsKeyword("on") || t.IsKeyword("using"))
            {
                fromDepths.Remove(depth);
                expectTable = false;
                continue;
            }
            if (t.IsPunctuation(',') && fromDepths.Contains(depth))
            {
                expectTable = true;
                continue;
            }
            if (!expectTable || !t.IsAnyIdentifier)
            {
                expectTable = false;
                continue;
            }
            expectTable = false;
            if (t.IsKeyword("lateral") || t.IsKeyword("only"))
            {
                expectTable = true;
                continue;
            }
            var name = t.Value;
            var k = i + 1;
            if (k + 1 < _t.Count && _t[k].IsPunctuation('.') && _t[k + 1].IsAnyIdentifier)
            {
                name = t.Value == "public" ? _t[k + 1].Value : t.Value + "." + _t[k + 1].Value;
                k += 2;
            }
            var table = name.Contains('.', StringComparison.Ordinal) ? null : _lookup(name);
            var alias = Alias(ref k);
            if (table is null)
            {
                if (depth == 0)
                    scope.Complete = false;
            }
            else
            {
                scope.Add(alias ?? name, table, depth == 0);
            }
            i = k - 1;
        }
        return scope;
    }
}

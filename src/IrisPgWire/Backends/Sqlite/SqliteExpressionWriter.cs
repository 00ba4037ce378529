using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Rewrites a run of PostgreSQL tokens (an expression, a select list, a whole SELECT) into SQLite SQL:
/// identifiers quoted, literals and $n turned into bind slots, casts and PostgreSQL functions mapped to
/// registered functions, PostgreSQL's NULL ordering and LIMIT/OFFSET forms made explicit. While doing so
/// it types each select-list item as PostgreSQL would (parse_target.c, parse_func.c, parse_oper.c).
/// </summary>
internal sealed class SqliteExpressionWriter
{
    /// <summary>Key words emitted as written: they mean the same in SQLite.</summary>
    private static readonly FrozenSet<string> RawKeywords = FrozenSet.ToFrozenSet(
    [
        "from", "where", "group", "by", "having", "union", "intersect", "except", "all", "distinct", "join", "left", "right",
        "full", "inner", "outer", "cross", "natural", "on", "using", "when", "then", "else", "end", "values", "with",
        "recursive", "filter", "over", "partition", "preceding", "following", "unbounded", "window", "into", "set",
        "insert", "update", "delete", "lateral",
    ], StringComparer.Ordinal);

    /// <summary>Key words that end a select list (PostgreSQL grammar, simple_select).</summary>
    private static readonly FrozenSet<string> ClauseKeywords = FrozenSet.ToFrozenSet(
    [
        "from", "where", "group", "having", "order", "limit", "offset", "union", "intersect", "except", "window",
        "fetch", "for", "into",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> TypedLiteralTypes = FrozenSet.ToFrozenSet(
    [
        "date", "time", "timestamp", "timestamptz", "interval", "numeric", "decimal", "int", "integer", "int2", "int4",
        "int8", "bigint", "smallint", "text", "varchar", "bool", "boolean", "uuid", "json", "jsonb", "bytea", "real",
        "float4", "float8", "timetz", "inet", "cidr", "macaddr", "money", "xml",
    ], StringComparer.Ordinal);

    private readonly string _sql;
    private readonly IReadOnlyList<SqlToken> _t;
    private readonly SqliteScope _scope;
    private readonly IReadOnlyList<PgType?> _givenTypes;
    private readonly Dictionary<int, int> _parameterSlots = [];
    private PgTypeRef? _pendingListTarget;

    public SqliteExpressionWriter(string sql, IReadOnlyList<SqlToken> tokens, SqliteScope scope, IReadOnlyList<PgType?> givenTypes,
        List<SqliteBindSlot>? slots = null)
    {
        _sql = sql;
        _t = tokens;
        _scope = scope;
        _givenTypes = givenTypes;
        Slots = slots ?? [];
    }

    /// <summary>Bind slots, shared with writers of default expressions for the same statement.</summary>
    public List<SqliteBindSlot> Slots { get; }

    /// <summary>
    /// DDL cannot take parameters: CHECK expressions get their string literals inline, quoted as SQLite
    /// quotes them (doubled single quotes), which is safe for any content.
    /// </summary>
    public bool InlineLiterals { get; init; }

    public IReadOnlyList<SqlToken> Tokens => _t;

    public string Sql => _sql;

    public SqliteScope Scope => _scope;

    /// <summary>The highest $n the statement refers to.</summary>
    public int MaxParameter => _parameterSlots.Count == 0 ? 0 : _parameterSlots.Keys.Max();

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The slot of $n, if the statement refers to it.</summary>
    public SqliteBindSlot? ParameterSlot(int n) => _parameterSlots.TryGetValue(n, out var s) ? Slots[s] : null;

    /// <summary>Gives an untyped literal or parameter operand the type it is compared with or assigned to.</summary>
    public void InferSlot(SqliteOperand? operand, PgTypeRef? type)
    {
        if (operand is null || type is null || operand.Slot < 0 || !operand.IsUntyped)
            return;
        var slot = Slots[operand.Slot];
        if (slot.GivenType is null && slot.InferredType is null)
            slot.InferredType = type;
    }

    /// <summary>Emits tokens from <paramref name="i"/> up to <paramref name="end"/>, an unmatched ')' or a <paramref name="stop"/> token.</summary>
    public SqliteEmitted Emit(ref int i, int end, bool collectFromStart, Func<SqlToken, bool>? stop = null)
    {
        var parts = new List<string>();
        var items = new List<SqliteSelectItem>();
        var listTarget = _pendingListTarget;
        _pendingListTarget = null;
        var collecting = collectFromStart;
        var collectDone = false;
        var item = new SqliteSelectItem();
        SqliteOperand? last = null;
        SqliteOperand? compareLeft = null;
        var compareRemaining = 0;
        var lastWasOperand = false;
        string? pendingArith = null;
        var segmentStart = 0;
        var inOrder = false;
        var orderDesc = false;
        var orderNulls = false;
        var orderItem = false;
        var limitSeen = false;
        var inWindow = false;
        var limitOperand = false;

        void FinishOrderItem()
        {
            if (inOrder && orderItem && !orderNulls)
                parts.Add(orderDesc ? "NULLS FIRST" : "NULLS LAST"); // PostgreSQL sorts NULL as larger than any value.
            orderDesc = orderNulls = orderItem = false;
        }

        void FinishItem()
        {
            if (item.OperandCount > 0 || item.Alias is not null)
            {
                if (listTarget is not null && item.OperandCount == 1)
                    InferSlot(item.Single, listTarget);
                items.Add(item);
            }
            item = new SqliteSelectItem();
        }

        void EndCollect()
        {
            if (collecting)
            {
                FinishItem();
                collecting = false;
                collectDone = true;
            }
        }

        void MarkBoolean()
        {
            if (collecting)
                item.IsBoolean = true;
            segmentStart = parts.Count;
            lastWasOperand = false;
        }

        void OnOperand(SqliteOperand op)
        {
            if (limitOperand)
            {
                // LIMIT and OFFSET take bigint (PostgreSQL grammar, select_limit_value).
                InferSlot(op, new PgTypeRef(PgTypeCatalog.Int8));
                limitOperand = false;
            }
            if (compareLeft is not null)
            {
                InferSlot(compareLeft, ComparedAs(op.Type));
                InferSlot(op, ComparedAs(compareLeft.Type));
                if (--compareRemaining <= 0)
                    compareLeft = null;
            }
            if (pendingArith is not null and not "||" && last is not null)
            {
                InferSlot(last, op.Type);
                InferSlot(op, last.Type);
            }
            if (collecting)
            {
                if (item.OperandCount == 0)
                {
                    item.Type = op.Type;
                    item.Name = op.Name;
                    item.Single = op;
                }
                else if (pendingArith == "||")
                {
                    item.IsText = true;
                }
                else if (pendingArith is not null)
                {
                    item.Type = Promote(item.Type, op.Type);
                    item.Single = null;
                }
                item.OperandCount++;
            }
            if (inOrder)
                orderItem = true;
            last = op;
            lastWasOperand = true;
            pendingArith = null;
        }

        while (i < end)
        {
            var tok = _t[i];
            if (tok.IsPunctuation(')') || (stop is not null && stop(tok)))
                break;
            if (tok.IsPunctuation(','))
            {
                FinishOrderItem();
                if (collecting)
                    FinishItem();
                parts.Add(",");
                i++;
                lastWasOperand = false;
                compareLeft = null;
                segmentStart = parts.Count;
                continue;
            }
            if (tok.Kind == SqlTokenKind.Operator)
            {
                var op = tok.Value;
                if (op is "=" or "<>" or "!=" or "<" or ">" or "<=" or ">=")
                {
                    parts.Add(op == "!=" ? "<>" : op);
                    compareLeft = last;
                    compareRemaining = 1;
                    MarkBoolean();
                    i++;
                    continue;
                }
                if (op == "*" && !lastWasOperand)
                {
                    var star = new SqliteOperand("*", null, null) { Star = string.Empty };
                    parts.Add("*");
                    i++;
                    OnOperand(star);
                    continue;
                }
                if (op is "+" or "-" && !lastWasOperand)
                {
                    parts.Add(op);
                    i++;
                    continue;
                }
                if (op is "+" or "-" or "*" or "/" or "%" or "||")
                {
                    parts.Add(op);
                    pendingArith = op;
                    lastWasOperand = false;
                    i++;
                    continue;
                }
                throw new PgErrorException(SqlState.FeatureNotSupported,
                    $"operator {op} is not supported by the SQLite backend") { Position = PgLexer.PositionOf(_sql, tok.Start) };
            }
            if (tok.Kind == SqlTokenKind.Identifier)
            {
                var kw = tok.Value;
                if (kw is "select" or "returning")
                {
                    parts.Add(kw == "select" ? "SELECT" : "RETURNING");
                    i++;
                    if (!collectDone && !collecting && items.Count == 0)
                    {
                        collecting = true;
                        item = new SqliteSelectItem();
                    }
                    if (i < end && _t[i].IsKeyword("distinct"))
                    {
                        if (i + 1 < end && _t[i + 1].IsKeyword("on"))
                            throw Unsupported("SELECT DISTINCT ON", _t[i]);
                        parts.Add("DISTINCT");
                        i++;
                    }
                    else if (i < end && _t[i].IsKeyword("all"))
                    {
                        i++;
                    }
                    segmentStart = parts.Count;
                    lastWasOperand = false;
                    continue;
                }
                if (ClauseKeywords.Contains(kw))
                {
                    EndCollect();
                    FinishOrderItem();
                    inOrder = false;
                    segmentStart = parts.Count;
                    lastWasOperand = false;
                    compareLeft = null;
                    switch (kw)
                    {
                        case "order":
                            parts.Add("ORDER");
                            inOrder = true;
                            i++;
                            continue;
                        case "limit":
                            limitSeen = true;
                            if (i + 1 < end && _t[i + 1].IsKeyword("all"))
                            {
                                parts.Add("LIMIT -1");
                                i += 2;
                            }
                            else
                            {
                                parts.Add("LIMIT");
                                limitOperand = true;
                                i++;
                            }
                            continue;
                        case "offset":
                            // SQLite requires LIMIT before OFFSET; PostgreSQL allows OFFSET alone.
                            parts.Add(limitSeen ? "OFFSET" : "LIMIT -1 OFFSET");
                            limitSeen = true;
                            limitOperand = true;
                            i++;
                            continue;
                        case "fetch":
                            if (limitSeen)
                                throw Unsupported("FETCH after OFFSET", tok);
                            i++;
                            if (i < end && (_t[i].IsKeyword("first") || _t[i].IsKeyword("next")))
                                i++;
                            string count = "1";
                            if (i < end && !(_t[i].IsKeyword("row") || _t[i].IsKeyword("rows")))
                            {
                                var c = ParsePrimary(ref i, end);
                                count = c.Sql;
                            }
                            if (i < end && (_t[i].IsKeyword("row") || _t[i].IsKeyword("rows")))
                                i++;
                            if (i < end && _t[i].IsKeyword("only"))
                                i++;
                            else
                                throw Unsupported("FETCH ... WITH TIES", i < end ? _t[i] : tok);
                            parts.Add("LIMIT " + count);
                            limitSeen = true;
                            continue;
                        case "for":
                            // Row locks: SQLite writers are serialised by the database lock, so FOR UPDATE/SHARE adds nothing.
                            while (i < end && !_t[i].IsPunctuation(')'))
                                i++;
                            continue;
                        default:
                            parts.Add(kw.ToUpperInvariant());
                            segmentStart = parts.Count;
                            i++;
                            continue;
                    }
                }
                switch (kw)
                {
                    case "asc":
                    case "desc":
                        orderDesc = kw == "desc";
                        parts.Add(kw.ToUpperInvariant());
                        i++;
                        continue;
                    case "nulls" when i + 1 < end && (_t[i + 1].IsKeyword("first") || _t[i + 1].IsKeyword("last")):
                        parts.Add("NULLS " + _t[i + 1].Value.ToUpperInvariant());
                        orderNulls = true;
                        i += 2;
                        continue;
                    case "row" or "rows" when lastWasOperand && limitSeen:
                        i++;
                        continue;
                    case "and":
                    case "or":
                        parts.Add(kw.ToUpperInvariant());
                        if (compareRemaining <= 0 || kw == "or")
                            compareLeft = null;
                        MarkBoolean();
                        i++;
                        continue;
                    case "not":
                        if (i + 1 < end && (_t[i + 1].IsKeyword("like") || _t[i + 1].IsKeyword("ilike")))
                        {
                            i++;
                            EmitLike(parts, ref i, end, segmentStart, negate: true);
                            MarkBoolean();
                            OnOperandBool();
                            continue;
                        }
                        parts.Add("NOT");
                        MarkBoolean();
                        i++;
                        continue;
                    case "like":
                    case "ilike":
                        EmitLike(parts, ref i, end, segmentStart, negate: false);
                        MarkBoolean();
                        OnOperandBool();
                        continue;
                    case "is":
                        MarkBoolean();
                        i++;
                        var not = i < end && _t[i].IsKeyword("not");
                        if (not)
                            i++;
                        if (i < end && _t[i].IsKeyword("distinct"))
                        {
                            // a IS DISTINCT FROM b is SQLite's a IS NOT b (PostgreSQL manual, "Comparison Predicates").
                            i += 2;
                            parts.Add(not ? "IS" : "IS NOT");
                        }
                        else
                        {
                            parts.Add(not ? "IS NOT" : "IS");
                            if (i < end && (_t[i].IsKeyword("true") || _t[i].IsKeyword("false") || _t[i].IsKeyword("null")))
                            {
                                parts.Add(_t[i].Value.ToUpperInvariant());
                                i++;
                                OnOperandBool();
                            }
                        }
                        continue;
                    case "isnull":
                    case "notnull":
                        parts.Add(kw.ToUpperInvariant());
                        MarkBoolean();
                        OnOperandBool();
                        i++;
                        continue;
                    case "in":
                        parts.Add("IN");
                        var inLeft = last;
                        MarkBoolean();
                        i++;
                        _pendingListTarget = inLeft?.Type;
                        var list = ParsePrimary(ref i, end);
                        _pendingListTarget = null;
                        parts.Add(list.Sql);
                        OnOperandBool();
                        continue;
                    case "between":
                        parts.Add("BETWEEN");
                        var left = last;
                        MarkBoolean();
                        compareLeft = left;
                        compareRemaining = 2;
                        i++;
                        continue;
                    case "as":
                        i++;
                        if (i >= end || !_t[i].IsAnyIdentifier)
                            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
                        parts.Add("AS " + Quote(_t[i].Value));
                        if (collecting)
                            item.Alias = _t[i].Value;
                        i++;
                        continue;
                    case "over":
                        parts.Add("OVER");
                        inWindow = true;
                        i++;
                        continue;
                    case "any" or "some" when i + 1 < end && _t[i + 1].IsPunctuation('('):
                        throw Unsupported(kw.ToUpperInvariant() + " (array)", tok);
                    case "default":
                        throw Unsupported("DEFAULT in this position", tok);
                }
                if (RawKeywords.Contains(kw) && !(kw is "left" or "right" && i + 1 < end && _t[i + 1].IsPunctuation('(')))
                {
                    parts.Add(kw.ToUpperInvariant());
                    if (kw is not ("distinct" or "all"))
                    {
                        segmentStart = parts.Count;
                        lastWasOperand = false;
                        compareLeft = null;
                    }
                    i++;
                    continue;
                }
                if (inWindow && kw is "rows" or "range" or "groups" or "current" or "row")
                {
                    parts.Add(kw.ToUpperInvariant());
                    i++;
                    continue;
                }
            }
            if (tok.IsAnyIdentifier && lastWasOperand && !(i + 1 < end && (_t[i + 1].IsPunctuation('.') || _t[i + 1].IsPunctuation('('))))
            {
                // A bare alias: "SELECT a b" or "FROM t x".
                parts.Add("AS " + Quote(tok.Value));
                if (collecting)
                    item.Alias = tok.Value;
                lastWasOperand = false;
                i++;
                continue;
            }
            if (tok.IsPunctuation('(') && inWindow)
            {
                var w = ParseGroup(ref i, end, windowSpec: true);
                parts.Add(w.Sql);
                inWindow = false;
                continue;
            }

            var primary = ParsePrimary(ref i, end);
            parts.Add(primary.Sql);
            OnOperand(primary);
        }

        FinishOrderItem();
        if (collecting)
            FinishItem();
        return new SqliteEmitted(string.Join(' ', parts), items);

        void OnOperandBool()
        {
            last = new SqliteOperand(string.Empty, new PgTypeRef(PgTypeCatalog.Bool), null);
            lastWasOperand = true;
            if (collecting)
            {
                item.IsBoolean = true;
                item.OperandCount = Math.Max(item.OperandCount, 1);
            }
        }
    }

    /// <summary>The whole token range as one expression.</summary>
    public SqliteEmitted EmitRange(int start, int end, bool collectFromStart)
    {
        var i = start;
        var e = Emit(ref i, end, collectFromStart);
        if (i < end)
            throw SqlSyntaxError.AtToken(_sql, _t[i]);
        return e;
    }

    /// <summary>
    /// <c>a [NOT] LIKE|ILIKE b [ESCAPE c]</c> → <c>pg_like(a, b, ci, esc)</c>: PostgreSQL's LIKE is case-sensitive
    /// and its default escape is backslash (PostgreSQL manual, "LIKE"), SQLite's neither.
    /// </summary>
    private void EmitLike(List<string> parts, ref int i, int end, int segmentStart, bool negate)
    {
        var caseInsensitive = _t[i].IsKeyword("ilike");
        i++;
        if (segmentStart >= parts.Count)
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i - 1);
        var left = string.Join(' ', parts.Skip(segmentStart));
        parts.RemoveRange(segmentStart, parts.Count - segmentStart);
        var right = ParseChain(ref i, end);
        InferSlot(right, new PgTypeRef(PgTypeCatalog.Text));
        var escape = "'\\'";
        if (i < end && _t[i].IsKeyword("escape"))
        {
            i++;
            escape = ParsePrimary(ref i, end).Sql;
        }
        parts.Add($"{(negate ? "NOT " : string.Empty)}pg_like({left}, {right.Sql}, {(caseInsensitive ? 1 : 0)}, {escape})");
    }

    /// <summary>Primaries joined by arithmetic and ||: the right operand of LIKE, which binds looser than those.</summary>
    private SqliteOperand ParseChain(ref int i, int end)
    {
        var first = ParsePrimary(ref i, end);
        var sb = new StringBuilder(first.Sql);
        var any = false;
        while (i < end && _t[i].Kind == SqlTokenKind.Operator && _t[i].Value is "+" or "-" or "*" or "/" or "%" or "||")
        {
            sb.Append(' ').Append(_t[i].Value).Append(' ');
            i++;
            sb.Append(ParsePrimary(ref i, end).Sql);
            any = true;
        }
        return any ? new SqliteOperand(sb.ToString(), new PgTypeRef(PgTypeCatalog.Text), null) : first;
    }

    /// <summary>A primary expression with any trailing <c>::type</c> casts.</summary>
    public SqliteOperand ParsePrimary(ref int i, int end)
    {
        if (i >= end)
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        var op = ParseBasePrimary(ref i, end);
        while (i < end && _t[i].IsOperator("::"))
        {
            i++;
            var type = ParseTypeName(ref i, end);
            op = Cast(op, type);
        }
        if (i < end && _t[i].IsPunctuation('['))
            throw Unsupported("array subscripts", _t[i]);
        return op;
    }

    private SqliteOperand Cast(SqliteOperand inner, PgTypeRef type)
    {
        // An untyped literal or parameter cast to a type is read as that type (PostgreSQL manual, "Type Casts").
        if (inner.IsUntyped && inner.Slot >= 0)
        {
            var slot = Slots[inner.Slot];
            if (slot.GivenType is null)
                slot.InferredType ??= type;
        }
        var sql = string.Create(CultureInfo.InvariantCulture, $"pg_cast({inner.Sql}, {type.Oid}, {type.Modifier})");
        return new SqliteOperand(sql, type, inner.Name ?? type.Type.Name);
    }

    private SqliteOperand ParseBasePrimary(ref int i, int end)
    {
        var tok = _t[i];
        switch (tok.Kind)
        {
            case SqlTokenKind.Number:
                i++;
                return NumberLiteral(tok.Value);
            case SqlTokenKind.String:
            case SqlTokenKind.DollarString:
                i++;
                return LiteralSlot(tok.Value, null);
            case SqlTokenKind.BitString:
                throw Unsupported("bit-string constants", tok);
            case SqlTokenKind.Parameter:
                i++;
                return ParameterOperand(int.Parse(tok.Value, CultureInfo.InvariantCulture), tok);
            case SqlTokenKind.Punctuation when tok.IsPunctuation('('):
                return ParseGroup(ref i, end, windowSpec: false);
            case SqlTokenKind.Identifier:
                break;
            case SqlTokenKind.QuotedIdentifier:
                return ParseNameChain(ref i, end);
            default:
                throw SqlSyntaxError.AtToken(_sql, tok);
        }

        var kw = tok.Value;
        var nextIsParen = i + 1 < end && _t[i + 1].IsPunctuation('(');
        switch (kw)
        {
            case "null":
                i++;
                return new SqliteOperand("NULL", null, null);
            case "true":
            case "false":
                i++;
                return new SqliteOperand(kw == "true" ? "1" : "0", new PgTypeRef(PgTypeCatalog.Bool), null);
            case "case":
                return ParseCase(ref i, end);
            case "cast" when nextIsParen:
                return ParseCastCall(ref i, end);
            case "exists" when nextIsParen:
                i++;
                var g = ParseGroup(ref i, end, windowSpec: false);
                return new SqliteOperand("EXISTS " + g.Sql, new PgTypeRef(PgTypeCatalog.Bool), "exists");
        }
        if (i + 1 < end && _t[i + 1].Kind is SqlTokenKind.String && TypedLiteralTypes.Contains(kw))
        {
            // type 'string': a constant of that type (PostgreSQL manual, "Constants of Other Types").
            var type = PgTypeNames.Parse(kw);
            i++;
            var lit = LiteralSlot(_t[i].Value, null);
            i++;
            return Cast(lit, type);
        }
        if (!nextIsParen && SqliteFunctionMap.TryGetBare(kw, out var bareSql, out var bareType)
            && !(i + 1 < end && _t[i + 1].IsPunctuation('.')))
        {
            i++;
            return new SqliteOperand(bareSql + "()", new PgTypeRef(bareType), kw);
        }
        if (nextIsParen)
            return ParseFunctionCall(kw, ref i, end);
        return ParseNameChain(ref i, end);
    }

    private SqliteOperand NumberLiteral(string text)
    {
        if (text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
        {
            // An integer constant is int4 when it fits, else int8 (PostgreSQL manual, "Numeric Constants").
            return new SqliteOperand(text, new PgTypeRef(l <= int.MaxValue ? PgTypeCatalog.Int4 : PgTypeCatalog.Int8), null);
        }
        var slot = LiteralSlot(text, null);
        if (slot.Slot < 0)
            return slot with { Type = new PgTypeRef(PgTypeCatalog.Numeric), IsUntyped = false };
        Slots[slot.Slot].InferredType = new PgTypeRef(PgTypeCatalog.Numeric);
        return slot with { Type = new PgTypeRef(PgTypeCatalog.Numeric), IsUntyped = false };
    }

    private SqliteOperand LiteralSlot(string value, PgTypeRef? type)
    {
        if (InlineLiterals)
            return new SqliteOperand("'" + value.Replace("'", "''", StringComparison.Ordinal) + "'", new PgTypeRef(PgTypeCatalog.Text), null) { IsUntyped = true };
        Slots.Add(new SqliteBindSlot(0, value) { InferredType = type });
        var index = Slots.Count - 1;
        return new SqliteOperand(Slots[index].Name(index), new PgTypeRef(PgTypeCatalog.Text), null) { Slot = index, IsUntyped = true };
    }

    private SqliteOperand ParameterOperand(int n, SqlToken tok)
    {
        if (n < 1)
            throw new PgErrorException(SqlState.UndefinedParameter, $"there is no parameter ${n}") { Position = PgLexer.PositionOf(_sql, tok.Start) };
        if (!_parameterSlots.TryGetValue(n, out var index))
        {
            var given = n <= _givenTypes.Count ? _givenTypes[n - 1] : null;
            if (given == PgTypeCatalog.Unknown)
                given = null;
            Slots.Add(new SqliteBindSlot(n, null) { GivenType = given });
            index = Slots.Count - 1;
            _parameterSlots[n] = index;
        }
        var slot = Slots[index];
        var type = slot.GivenType is { } gt ? new PgTypeRef(gt) : slot.InferredType;
        return new SqliteOperand(slot.Name(index), type, null) { Slot = index, IsUntyped = slot.GivenType is null };
    }

    private SqliteOperand ParseGroup(ref int i, int end, bool windowSpec)
    {
        i++; // (
        var isQuery = i < end && (_t[i].IsKeyword("select") || _t[i].IsKeyword("with") || _t[i].IsKeyword("values"));
        var inner = Emit(ref i, end, collectFromStart: !isQuery && !windowSpec);
        ExpectClose(ref i, end);
        var sql = "(" + inner.Sql + ")";
        if (isQuery || windowSpec)
        {
            var first = inner.Items.Count > 0 ? inner.Items[0] : null;
            return new SqliteOperand(sql, first?.ResultType, first is null || first.ResultName == "?column?" ? null : first.ResultName);
        }
        if (inner.Items.Count == 1)
        {
            var only = inner.Items[0];
            var single = only.OperandCount == 1 && !only.IsBoolean && !only.IsText ? only.Single : null;
            return new SqliteOperand(sql, only.ResultType, only.Alias is null && only.OperandCount == 1 ? only.Name : null)
            {
                Slot = single?.Slot ?? -1,
                IsUntyped = single?.IsUntyped ?? false,
                TableOid = single?.TableOid ?? 0,
                ColumnNumber = single?.ColumnNumber ?? 0,
            };
        }
        return new SqliteOperand(sql, null, null);
    }

    private SqliteOperand ParseCase(ref int i, int end)
    {
        var sb = new StringBuilder("CASE");
        i++;
        PgTypeRef? type = null;
        static bool IsWhen(SqlToken t) => t.IsKeyword("when");
        static bool IsBranchEnd(SqlToken t) => t.IsKeyword("when") || t.IsKeyword("else") || t.IsKeyword("end");
        if (i < end && !_t[i].IsKeyword("when"))
            sb.Append(' ').Append(Emit(ref i, end, true, IsWhen).Sql);
        while (i < end && _t[i].IsKeyword("when"))
        {
            i++;
            sb.Append(" WHEN ").Append(Emit(ref i, end, true, t => t.IsKeyword("then")).Sql);
            Expect(ref i, end, "then");
            var result = Emit(ref i, end, true, IsBranchEnd);
            type ??= result.Items.Count > 0 ? result.Items[0].ResultType : null;
            sb.Append(" THEN ").Append(result.Sql);
        }
        if (i < end && _t[i].IsKeyword("else"))
        {
            i++;
            var result = Emit(ref i, end, true, t => t.IsKeyword("end"));
            type ??= result.Items.Count > 0 ? result.Items[0].ResultType : null;
            sb.Append(" ELSE ").Append(result.Sql);
        }
        Expect(ref i, end, "end");
        sb.Append(" END");
        return new SqliteOperand(sb.ToString(), type, "case");
    }

    private SqliteOperand ParseCastCall(ref int i, int end)
    {
        i += 2; // CAST (
        var inner = Emit(ref i, end, true, t => t.IsKeyword("as"));
        Expect(ref i, end, "as");
        var type = ParseTypeName(ref i, end);
        ExpectClose(ref i, end);
        var only = inner.Items.Count == 1 ? inner.Items[0] : null;
        var operand = new SqliteOperand("(" + inner.Sql + ")", only?.ResultType, only?.OperandCount == 1 ? only.Name : null)
        {
            Slot = only?.OperandCount == 1 ? only.Single?.Slot ?? -1 : -1,
            IsUntyped = only?.OperandCount == 1 && (only.Single?.IsUntyped ?? false),
        };
        return Cast(operand, type);
    }

    private SqliteOperand ParseFunctionCall(string name, ref int i, int end)
    {
        var nameToken = _t[i];
        i += 2; // name (
        if (name == "count" && i < end && _t[i].IsOperator("*"))
        {
            i++;
            ExpectClose(ref i, end);
            return new SqliteOperand("count(*)", new PgTypeRef(PgTypeCatalog.Int8), "count");
        }
        if (name is "substring" or "position")
            return ParseSqlStandardCall(name, ref i, end);
        if (name is "extract" or "overlay" or "trim" or "date_part" or "date_trunc" or "to_char" or "to_date" or "to_timestamp")
            throw Unsupported($"function {name}()", nameToken);
        if (!SqliteFunctionMap.TryGet(name, out var sqliteName, out var resultType, out _))
        {
            throw new PgErrorException(SqlState.UndefinedFunction, $"function {name} does not exist",
                hint: "The SQLite backend supports a subset of PostgreSQL's functions.")
            { Position = PgLexer.PositionOf(_sql, nameToken.Start) };
        }
        var args = i < end && _t[i].IsPunctuation(')') ? SqliteEmitted.Empty : Emit(ref i, end, true);
        ExpectClose(ref i, end);
        var firstType = args.Items.Count > 0 ? args.Items[0].ResultType : null;
        PgTypeRef? type = name switch
        {
            "sum" => SqliteFunctionMap.SumType(firstType),
            "avg" => SqliteFunctionMap.AvgType(firstType),
            _ => resultType is not null ? new PgTypeRef(resultType) : firstType,
        };
        return new SqliteOperand($"{sqliteName}({args.Sql})", type, name);
    }

    /// <summary><c>substring(s FROM a FOR b)</c> and <c>position(a IN b)</c> (PostgreSQL manual, "String Functions").</summary>
    private SqliteOperand ParseSqlStandardCall(string name, ref int i, int end)
    {
        static bool StopSubstring(SqlToken t) => t.IsKeyword("from") || t.IsKeyword("for");
        if (name == "position")
        {
            var needle = Emit(ref i, end, true, t => t.IsKeyword("in"));
            Expect(ref i, end, "in");
            var hay = Emit(ref i, end, true);
            ExpectClose(ref i, end);
            return new SqliteOperand($"pg_strpos({hay.Sql}, {needle.Sql})", new PgTypeRef(PgTypeCatalog.Int4), "position");
        }
        var s = Emit(ref i, end, true, StopSubstring);
        string from = "1";
        string? forLength = null;
        var standard = false;
        if (i < end && _t[i].IsKeyword("from"))
        {
            i++;
            from = Emit(ref i, end, true, StopSubstring).Sql;
            standard = true;
        }
        if (i < end && _t[i].IsKeyword("for"))
        {
            i++;
            forLength = Emit(ref i, end, true).Sql;
            standard = true;
        }
        ExpectClose(ref i, end);
        var sql = standard
            ? forLength is null ? $"substr({s.Sql}, {from})" : $"substr({s.Sql}, {from}, {forLength})"
            : $"substr({s.Sql})";
        return new SqliteOperand(sql, new PgTypeRef(PgTypeCatalog.Text), "substring");
    }

    private SqliteOperand ParseNameChain(ref int i, int end)
    {
        var names = new List<string> { _t[i].Value };
        var first = _t[i];
        i++;
        string? star = null;
        while (i + 1 < end && _t[i].IsPunctuation('.'))
        {
            if (_t[i + 1].IsOperator("*"))
            {
                star = string.Empty;
                i += 2;
                break;
            }
            if (!_t[i + 1].IsAnyIdentifier)
                throw SqlSyntaxError.AtToken(_sql, _t[i + 1]);
            names.Add(_t[i + 1].Value);
            i += 2;
        }
        // The only schema is public; pg_catalog-qualified functions name the same functions.
        if (names.Count >= 2 && names[0] is "public" or "pg_catalog" && !_scope.IsAlias(names[0]))
            names.RemoveAt(0);
        if (star is null && i < end && _t[i].IsPunctuation('(') && names.Count == 1)
        {
            i--;
            return ParseFunctionCall(names[0], ref i, end);
        }
        if (names.Count > 2)
            throw new PgErrorException(SqlState.FeatureNotSupported,
                $"cross-database references are not implemented: {string.Join('.', names)}") { Position = PgLexer.PositionOf(_sql, first.Start) };
        var sql = string.Join('.', names.Select(Quote));
        if (star is not null)
            return new SqliteOperand(sql + ".*", null, null) { Star = names[^1] };
        var resolved = _scope.Resolve(names.Count == 2 ? names[0] : null, names[^1]);
        return resolved is { } r
            ? new SqliteOperand(sql, r.Column.Type, r.Column.Name) { TableOid = r.Table.Oid, ColumnNumber = r.Column.Number }
            : new SqliteOperand(sql, null, names[^1]);
    }

    /// <summary>A type name as written after :: or AS (PostgreSQL grammar, Typename), resolved by <see cref="PgTypeNames"/>.</summary>
    public PgTypeRef ParseTypeName(ref int i, int end)
    {
        if (i >= end || !_t[i].IsAnyIdentifier)
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        var start = _t[i].Start;
        var first = _t[i].Value;
        var last = i;
        i++;
        if (i < end && ((first == "double" && _t[i].IsKeyword("precision"))
            || (first is "character" or "char" or "bit" or "national" && _t[i].IsKeyword("varying"))))
        {
            last = i++;
        }
        if (i < end && _t[i].IsPunctuation('('))
        {
            while (i < end && !_t[i].IsPunctuation(')'))
                i++;
            last = i++;
        }
        if (first is "timestamp" or "time" && i + 2 < end + 1 && i < end && (_t[i].IsKeyword("with") || _t[i].IsKeyword("without")))
        {
            i += 3;
            last = i - 1;
        }
        while (i < end && _t[i].IsPunctuation('['))
        {
            while (i < end && !_t[i].IsPunctuation(']'))
                i++;
            last = i++;
        }
        if (last >= _t.Count)
            throw SqlSyntaxError.AtEnd(_sql);
        return PgTypeNames.Parse(_sql[start.._t[last].End]);
    }

    private void Expect(ref int i, int end, string keyword)
    {
        if (i >= end || !_t[i].IsKeyword(keyword))
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        i++;
    }

    private void ExpectClose(ref int i, int end)
    {
        if (i >= end || !_t[i].IsPunctuation(')'))
            throw SqlSyntaxError.AtTokenOrEnd(_sql, _t, i);
        i++;
    }

    public PgErrorException Unsupported(string what, SqlToken at) =>
        new(SqlState.FeatureNotSupported, $"{what} is not supported by the SQLite backend") { Position = PgLexer.PositionOf(_sql, at.Start) };

    /// <summary>
    /// The type an untyped value compared with a value of <paramref name="type"/> gets: character types compare
    /// through text's operators, so the value is text (PostgreSQL manual, "Type Conversion", operators).
    /// </summary>
    private static PgTypeRef? ComparedAs(PgTypeRef? type) =>
        type is { } t && (t.Type == PgTypeCatalog.Varchar || t.Type == PgTypeCatalog.Bpchar || t.Type == PgTypeCatalog.Name)
            ? new PgTypeRef(PgTypeCatalog.Text)
            : type;

    /// <summary>The type of a + b (PostgreSQL manual, "Mathematical Operators"): the wider of the two.</summary>
    private static PgTypeRef? Promote(PgTypeRef? a, PgTypeRef? b)
    {
        if (a is null || b is null)
            return a ?? b;
        static int Rank(PgType t) =>
            t == PgTypeCatalog.Int2 ? 1 : t == PgTypeCatalog.Int4 ? 2 : t == PgTypeCatalog.Int8 ? 3
            : t == PgTypeCatalog.Numeric ? 4 : t == PgTypeCatalog.Float4 ? 5 : t == PgTypeCatalog.Float8 ? 6 : 0;
        var (ra, rb) = (Rank(a.Value.Type), Rank(b.Value.Type));
        if (ra == 0 || rb == 0)
            return ra == 0 ? a : b;
        return new PgTypeRef(ra >= rb ? a.Value.Type : b.Value.Type);
    }
}

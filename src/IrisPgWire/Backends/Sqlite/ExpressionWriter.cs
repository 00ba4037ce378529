using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Rewrites a run of PostgreSQL tokens as SQLite text: <c>x::type</c> and CAST become checked
/// conversions through <c>pg_cast</c>; ILIKE becomes <c>pg_ilike</c>; $n becomes ?n; strings are
/// re-quoted; <c>public.</c> and <c>pg_catalog.</c> qualifiers are dropped; SQL-standard value keywords
/// (current_timestamp, current_user ...) become the server's functions. Values are never spliced in.
/// </summary>
internal sealed class ExpressionWriter(string sql, IReadOnlyList<SqlToken> tokens)
{
    private static readonly HashSet<string> OrderByEnds = ["limit", "offset", "fetch", "for", "union", "intersect", "except", "window", "returning"];

    /// <summary>Text to write before a token index: PostgreSQL's NULL ordering made explicit in ORDER BY items.</summary>
    private readonly Dictionary<int, string> _insertBefore = NullOrdering(tokens);

    private static readonly Dictionary<string, string> ValueKeywords = new(StringComparer.Ordinal)
    {
        ["current_timestamp"] = "pg_now()",
        ["localtimestamp"] = "pg_localtimestamp()",
        ["current_date"] = "pg_current_date()",
        ["current_time"] = "pg_current_time()",
        ["current_user"] = "pg_current_user()",
        ["session_user"] = "pg_current_user()",
        ["user"] = "pg_current_user()",
        ["current_catalog"] = "current_database()",
        ["current_schema"] = "'public'",
    };

    private static readonly Dictionary<string, string> FunctionNames = new(StringComparer.Ordinal)
    {
        ["now"] = "pg_now",
        ["transaction_timestamp"] = "pg_now",
        ["statement_timestamp"] = "pg_now",
        ["clock_timestamp"] = "pg_clock_timestamp",
        ["lower"] = "pg_lower",
        ["upper"] = "pg_upper",
        ["length"] = "pg_length",
        ["char_length"] = "pg_length",
        ["character_length"] = "pg_length",
        ["concat"] = "pg_concat",
        ["current_schema"] = "pg_current_schema",
        ["btrim"] = "trim",
        ["strpos"] = "instr",
        ["random"] = "pg_random",
    };

    public IReadOnlyList<SqlToken> Tokens => tokens;

    /// <summary>Highest $n seen.</summary>
    public int ParameterCount { get; private set; }

    /// <summary>Writes tokens [start, end) to <paramref name="sb"/>.</summary>
    public void Write(int start, int end, StringBuilder sb)
    {
        var i = start;
        while (i < end)
        {
            Insert(i, sb);
            i = WritePrimary(i, end, sb);
        }
        Insert(end, sb);
    }

    private void Insert(int index, StringBuilder sb)
    {
        if (_insertBefore.Remove(index, out var text))
            sb.Append(text);
    }

    /// <summary>
    /// PostgreSQL sorts NULLs last ascending and first descending; SQLite does the opposite. Each ORDER BY
    /// item without its own NULLS FIRST/LAST gets PostgreSQL's order spelled out.
    /// </summary>
    private static Dictionary<int, string> NullOrdering(IReadOnlyList<SqlToken> tokens)
    {
        var inserts = new Dictionary<int, string>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (!tokens[i].IsKeyword("order") || !tokens[i + 1].IsKeyword("by"))
                continue;
            var depth = 0;
            var itemStart = i + 2;
            for (var j = i + 2; j <= tokens.Count; j++)
            {
                var atEnd = j == tokens.Count;
                var t = atEnd ? default : tokens[j];
                if (!atEnd && (t.IsPunctuation('(') || t.IsPunctuation('[')))
                {
                    depth++;
                    continue;
                }
                var closes = !atEnd && (t.IsPunctuation(')') || t.IsPunctuation(']'));
                if (closes && depth > 0)
                {
                    depth--;
                    continue;
                }
                if (!atEnd && depth > 0)
                    continue;
                var endsItem = atEnd || closes || t.IsPunctuation(',') || t.IsPunctuation(';') ||
                               (t.Kind == SqlTokenKind.Identifier && OrderByEnds.Contains(t.Value));
                if (!endsItem)
                    continue;
                var hasNulls = false;
                for (var k = itemStart; k < j; k++)
                    hasNulls |= tokens[k].IsKeyword("nulls");
                if (!hasNulls && j > itemStart)
                    inserts[j] = tokens[j - 1].IsKeyword("desc") ? " NULLS FIRST " : " NULLS LAST ";
                if (atEnd || !t.IsPunctuation(','))
                    break;
                itemStart = j + 1;
            }
        }
        return inserts;
    }

    /// <summary>Writes one primary (with any ::casts after it) or one other token; returns the next index.</summary>
    public int WritePrimary(int i, int end, StringBuilder sb)
    {
        var t = tokens[i];
        var operandStart = sb.Length;
        var next = i + 1;
        switch (t.Kind)
        {
            case SqlTokenKind.Punctuation when t.IsPunctuation('(') || t.IsPunctuation('['):
            {
                var close = TypeNameReader.FindClose(tokens, i);
                sb.Append(t.Value);
                Write(i + 1, close, sb);
                sb.Append(tokens[close].Value).Append(' ');
                next = close + 1;
                break;
            }
            case SqlTokenKind.String or SqlTokenKind.DollarString:
                Space(sb).Append('\'').Append(t.Value.Replace("'", "''", StringComparison.Ordinal)).Append("' ");
                break;
            case SqlTokenKind.Parameter:
                var n = int.Parse(t.Value, CultureInfo.InvariantCulture);
                ParameterCount = Math.Max(ParameterCount, n);
                Space(sb).Append("$p").Append(n).Append(' ');
                break;
            case SqlTokenKind.QuotedIdentifier:
                next = WriteName(i, end, sb);
                break;
            case SqlTokenKind.Identifier:
                if (t.Value == "cast" && i + 1 < end && tokens[i + 1].IsPunctuation('('))
                {
                    next = WriteCast(i, sb);
                    break;
                }
                if (t.Value is "ilike" || (t.Value == "not" && i + 1 < end && tokens[i + 1].IsKeyword("ilike")))
                    return WriteIlike(i, end, sb);
                if (ValueKeywords.TryGetValue(t.Value, out var replacement) && !(i + 1 < end && tokens[i + 1].IsPunctuation('(')))
                {
                    Space(sb).Append(replacement).Append(' ');
                    break;
                }
                next = WriteName(i, end, sb);
                break;
            case SqlTokenKind.Operator when t.Value == "::":
                throw PgLexer.Error("syntax error", sql, t.Start);
            default:
                Space(sb).Append(t.Value).Append(' ');
                break;
        }
        while (next + 1 < end && tokens[next].IsOperator("::"))
        {
            next = TypeNameReader.Read(sql, tokens, next + 1, out var type, out _);
            var operand = sb.ToString(operandStart, sb.Length - operandStart);
            sb.Length = operandStart;
            Space(sb).Append("pg_cast(").Append(operand.Trim()).Append(", ")
                .Append(type.Oid).Append(", ").Append(type.Modifier).Append(") ");
        }
        if (next < end && tokens[next].IsPunctuation('[') && !(next > 0 && tokens[next - 1].IsOperator("::")))
            throw new PgErrorException(SqlState.FeatureNotSupported, "array subscripts are not supported by the embedded store");
        return next;
    }

    /// <summary>A name, a qualified name, or a function call.</summary>
    private int WriteName(int i, int end, StringBuilder sb)
    {
        // Drop the public. and pg_catalog. qualifiers: the store has one schema.
        if (tokens[i].Kind == SqlTokenKind.Identifier && tokens[i].Value is "public" or "pg_catalog" &&
            i + 2 < end && tokens[i + 1].IsPunctuation('.') && tokens[i + 2].IsName)
            i += 2;
        var t = tokens[i];
        if (i + 1 < end && tokens[i + 1].IsPunctuation('(') && t.Kind == SqlTokenKind.Identifier)
        {
            var close = TypeNameReader.FindClose(tokens, i + 1);
            var name = FunctionNames.TryGetValue(t.Value, out var mapped) ? mapped : t.Value;
            Space(sb).Append(name).Append('(');
            Write(i + 2, close, sb);
            sb.Append(") ");
            return close + 1;
        }
        Space(sb);
        if (t.Kind == SqlTokenKind.QuotedIdentifier)
            sb.Append('"').Append(t.Value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        else
            sb.Append(t.Value);
        var next = i + 1;
        while (next + 1 < end && tokens[next].IsPunctuation('.') && (tokens[next + 1].IsName || tokens[next + 1].IsOperator("*")))
        {
            var part = tokens[next + 1];
            sb.Append('.');
            if (part.Kind == SqlTokenKind.QuotedIdentifier)
                sb.Append('"').Append(part.Value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                sb.Append(part.Value);
            next += 2;
        }
        sb.Append(' ');
        return next;
    }

    private int WriteCast(int i, StringBuilder sb)
    {
        var open = i + 1;
        var close = TypeNameReader.FindClose(tokens, open);
        var depth = 0;
        var asIndex = -1;
        for (var j = open + 1; j < close; j++)
        {
            if (tokens[j].IsPunctuation('(') || tokens[j].IsPunctuation('['))
                depth++;
            else if (tokens[j].IsPunctuation(')') || tokens[j].IsPunctuation(']'))
                depth--;
            else if (depth == 0 && tokens[j].IsKeyword("as"))
                asIndex = j;
        }
        if (asIndex < 0)
            throw PgLexer.Error("syntax error", sql, tokens[close].Start);
        var typeEnd = TypeNameReader.Read(sql, tokens, asIndex + 1, out var type, out _);
        if (typeEnd != close)
            throw PgLexer.Error("syntax error", sql, tokens[typeEnd].Start);
        Space(sb).Append("pg_cast(");
        Write(open + 1, asIndex, sb);
        sb.Append(", ").Append(type.Oid).Append(", ").Append(type.Modifier).Append(") ");
        return close + 1;
    }

    /// <summary>left [NOT] ILIKE right → [NOT] pg_ilike(left, right), the left operand being the last primary written.</summary>
    private int WriteIlike(int i, int end, StringBuilder sb)
    {
        var negate = tokens[i].IsKeyword("not");
        if (negate)
            i++;
        var text = sb.ToString().TrimEnd();
        var leftStart = LastOperandStart(text);
        var left = text[leftStart..];
        sb.Length = leftStart;
        var right = new StringBuilder();
        var next = WritePrimary(i + 1, end, right);
        Space(sb).Append(negate ? "NOT " : "").Append("pg_ilike(").Append(left).Append(", ").Append(right.ToString().Trim()).Append(") ");
        return next;
    }

    /// <summary>Where the last operand in already-written SQLite text begins (a name, literal or bracketed group).</summary>
    private static int LastOperandStart(string text)
    {
        var i = text.Length - 1;
        if (i < 0)
            return 0;
        if (text[i] == ')')
        {
            var depth = 0;
            for (; i >= 0; i--)
            {
                if (text[i] == ')')
                    depth++;
                else if (text[i] == '(' && --depth == 0)
                    break;
            }
            while (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_'))
                i--;
            return Math.Max(i, 0);
        }
        if (text[i] == '\'')
        {
            i--;
            while (i > 0 && !(text[i] == '\'' && (i == 0 || text[i - 1] != '\'')))
                i--;
            return i;
        }
        while (i > 0 && !char.IsWhiteSpace(text[i - 1]) && text[i - 1] != '(' && text[i - 1] != ',')
            i--;
        return i;
    }

    private static StringBuilder Space(StringBuilder sb)
    {
        if (sb.Length > 0 && sb[^1] != ' ' && sb[^1] != '(')
            sb.Append(' ');
        return sb;
    }
}

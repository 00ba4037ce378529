using System.Globalization;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Sql;

/// <summary>
/// Tokenizes PostgreSQL SQL following the manual's "Lexical Structure" (and scan.l): identifiers are
/// folded to lower case unless quoted, strings decoded (standard_conforming_strings on; E'' escapes),
/// dollar quoting, nested block comments, multi-character operators, $n parameters.
/// </summary>
public static class PgLexer
{
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '-' && At(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n' && sql[i] != '\r')
                    i++;
                continue;
            }
            if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
                continue;
            }
            var start = i;
            if ((c is 'E' or 'e') && At(sql, i + 1) == '\'')
            {
                i = ReadString(sql, i + 1, escapes: true, out var value);
                tokens.Add(new SqlToken(SqlTokenKind.String, start, i - start, value));
            }
            else if ((c is 'B' or 'b' or 'X' or 'x' or 'N' or 'n') && At(sql, i + 1) == '\'')
            {
                // Bit-string (B'', X'') and national (N'') constants: kept as their content.
                i = ReadString(sql, i + 1, escapes: false, out var value);
                tokens.Add(new SqlToken(SqlTokenKind.String, start, i - start, value));
            }
            else if (c == '\'')
            {
                i = ReadString(sql, i, escapes: false, out var value);
                tokens.Add(new SqlToken(SqlTokenKind.String, start, i - start, value));
            }
            else if (c == '"')
            {
                i = ReadQuotedIdentifier(sql, i, out var value);
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, start, i - start, value));
            }
            else if (c == '$' && char.IsAsciiDigit(At(sql, i + 1)))
            {
                i++;
                while (i < sql.Length && char.IsAsciiDigit(sql[i]))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.Parameter, start, i - start, sql[(start + 1)..i]));
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var bodyStart = i + tag.Length;
                var close = sql.IndexOf(tag, bodyStart, StringComparison.Ordinal);
                if (close < 0)
                    throw Error("unterminated dollar-quoted string", sql, start);
                i = close + tag.Length;
                tokens.Add(new SqlToken(SqlTokenKind.DollarString, start, i - start, sql[bodyStart..close]));
            }
            else if (IsIdentStart(c))
            {
                i++;
                while (i < sql.Length && IsIdentPart(sql[i]))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.Identifier, start, i - start, sql[start..i].ToLowerInvariant()));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(sql, i + 1))))
            {
                i = ReadNumber(sql, i);
                tokens.Add(new SqlToken(SqlTokenKind.Number, start, i - start, sql[start..i]));
            }
            else if (c == ':' && At(sql, i + 1) == ':')
            {
                i += 2;
                tokens.Add(new SqlToken(SqlTokenKind.Operator, start, 2, "::"));
            }
            else if ("()[],;.:".Contains(c, StringComparison.Ordinal))
            {
                i++;
                tokens.Add(new SqlToken(SqlTokenKind.Punctuation, start, 1, c.ToString()));
            }
            else if (OperatorChars.Contains(c, StringComparison.Ordinal))
            {
                i = ReadOperator(sql, i);
                tokens.Add(new SqlToken(SqlTokenKind.Operator, start, i - start, sql[start..i]));
            }
            else
            {
                throw Error("syntax error", sql, start);
            }
        }
        return tokens;
    }

    /// <summary>A 42601 error "{what} at or near "…"" with the 1-based position, as PostgreSQL's scanner reports it.</summary>
    public static PgErrorException Error(string what, string sql, int start)
    {
        var end = start;
        while (end < sql.Length && !char.IsWhiteSpace(sql[end]))
            end++;
        var near = start >= sql.Length ? null : sql[start..Math.Max(end, start + 1)];
        var message = near is null ? $"{what} at end of input" : $"{what} at or near \"{near}\"";
        return new PgErrorException(SqlState.SyntaxError, message) { Position = start + 1 };
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > 127;

    private static bool IsIdentPart(char c) => IsIdentStart(c) || char.IsAsciiDigit(c) || c == '$';

    private static int SkipBlockComment(string sql, int i)
    {
        var start = i;
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && At(sql, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && At(sql, i + 1) == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                    return i;
            }
            else
            {
                i++;
            }
        }
        throw Error("unterminated /* comment", sql, start);
    }

    private static int ReadString(string sql, int quote, bool escapes, out string value)
    {
        var sb = new StringBuilder();
        var i = quote + 1;
        var start = escapes ? quote - 1 : quote;
        while (true)
        {
            if (i >= sql.Length)
                throw Error("unterminated quoted string", sql, start);
            var c = sql[i];
            if (c == '\'')
            {
                if (At(sql, i + 1) == '\'')
                {
                    sb.Append('\'');
                    i += 2;
                    continue;
                }
                i++;
                // Two strings separated only by whitespace with a newline are one (manual, "String Constants").
                var j = i;
                var sawNewline = false;
                while (j < sql.Length && char.IsWhiteSpace(sql[j]))
                {
                    sawNewline |= sql[j] == '\n';
                    j++;
                }
                if (sawNewline && At(sql, j) == '\'')
                {
                    i = j + 1;
                    continue;
                }
                value = sb.ToString();
                return i;
            }
            if (escapes && c == '\\')
            {
                i = ReadEscape(sql, i, sb);
                continue;
            }
            sb.Append(c);
            i++;
        }
    }

    private static int ReadEscape(string sql, int i, StringBuilder sb)
    {
        var next = At(sql, i + 1);
        switch (next)
        {
            case 'b': sb.Append('\b'); return i + 2;
            case 'f': sb.Append('\f'); return i + 2;
            case 'n': sb.Append('\n'); return i + 2;
            case 'r': sb.Append('\r'); return i + 2;
            case 't': sb.Append('\t'); return i + 2;
            case >= '0' and <= '7':
            {
                var j = i + 1;
                var code = 0;
                while (j < i + 4 && At(sql, j) is >= '0' and <= '7')
                    code = code * 8 + (sql[j++] - '0');
                sb.Append((char)code);
                return j;
            }
            case 'x':
            {
                var j = i + 2;
                var code = 0;
                while (j < i + 4 && char.IsAsciiHexDigit(At(sql, j)))
                    code = code * 16 + Convert.ToInt32(sql[j++].ToString(), 16);
                if (j == i + 2)
                {
                    sb.Append('x');
                    return j;
                }
                sb.Append((char)code);
                return j;
            }
            case 'u' or 'U':
            {
                var digits = next == 'u' ? 4 : 8;
                if (i + 2 + digits > sql.Length ||
                    !int.TryParse(sql.AsSpan(i + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp))
                    throw new PgErrorException(SqlState.InvalidEscapeSequence, "invalid Unicode escape") { Position = i + 1 };
                sb.Append(char.ConvertFromUtf32(cp));
                return i + 2 + digits;
            }
            case '\0':
                sb.Append('\\');
                return i + 1;
            default:
                sb.Append(next);
                return i + 2;
        }
    }

    private static int ReadQuotedIdentifier(string sql, int i, out string value)
    {
        var sb = new StringBuilder();
        var start = i;
        i++;
        while (true)
        {
            if (i >= sql.Length)
                throw Error("unterminated quoted identifier", sql, start);
            if (sql[i] == '"')
            {
                if (At(sql, i + 1) == '"')
                {
                    sb.Append('"');
                    i += 2;
                    continue;
                }
                if (sb.Length == 0)
                    throw new PgErrorException(SqlState.SyntaxError, "zero-length delimited identifier at or near \"\"\"\"") { Position = start + 1 };
                value = sb.ToString();
                return i + 1;
            }
            sb.Append(sql[i++]);
        }
    }

    private static bool TryDollarTag(string sql, int i, out string tag)
    {
        var j = i + 1;
        while (j < sql.Length && sql[j] != '$')
        {
            if (!(IsIdentStart(sql[j]) || (j > i + 1 && char.IsAsciiDigit(sql[j]))))
            {
                tag = "";
                return false;
            }
            j++;
        }
        if (j >= sql.Length)
        {
            tag = "";
            return false;
        }
        tag = sql[i..(j + 1)];
        return true;
    }

    private static int ReadNumber(string sql, int i)
    {
        while (i < sql.Length && (char.IsAsciiDigit(sql[i]) || sql[i] == '_'))
            i++;
        if (At(sql, i) == '.' && At(sql, i + 1) != '.')
        {
            i++;
            while (i < sql.Length && char.IsAsciiDigit(sql[i]))
                i++;
        }
        if (At(sql, i) is 'e' or 'E' && (char.IsAsciiDigit(At(sql, i + 1)) ||
                                         (At(sql, i + 1) is '+' or '-' && char.IsAsciiDigit(At(sql, i + 2)))))
        {
            i += 2;
            while (i < sql.Length && char.IsAsciiDigit(sql[i]))
                i++;
        }
        return i;
    }

    /// <summary>
    /// Longest run of operator characters, trimmed as scan.l does: a run never contains the start of a
    /// comment, and a multi-character operator cannot end in + or - unless it also holds one of ~ ! @ # % ^ &amp; | ` ?.
    /// </summary>
    private static int ReadOperator(string sql, int i)
    {
        var start = i;
        while (i < sql.Length && OperatorChars.Contains(sql[i], StringComparison.Ordinal))
        {
            if ((sql[i] == '-' && At(sql, i + 1) == '-') || (sql[i] == '/' && At(sql, i + 1) == '*'))
            {
                if (i > start)
                    break;
            }
            i++;
        }
        var length = i - start;
        if (length > 1)
        {
            var text = sql.AsSpan(start, length);
            if (text.IndexOfAny("~!@#%^&|`?") < 0)
            {
                while (length > 1 && text[length - 1] is '+' or '-')
                    length--;
            }
        }
        return start + length;
    }
}

using System.Text;

namespace IrisPgWire.Sql;

/// <summary>
/// PostgreSQL's lexer (PostgreSQL manual, "Lexical Structure"; rules from src/backend/parser/scan.l of
/// PostgreSQL 15). Whitespace and comments are skipped; lexical errors are 42601 with the position and
/// wording PostgreSQL gives, assuming standard_conforming_strings = on.
/// </summary>
public static class PgLexer
{
    /// <summary>Characters that may form an operator (scan.l <c>op_chars</c>).</summary>
    private const string OperatorChars = "~!@#^&|`?+-*/%<>=";

    /// <summary>
    /// Characters whose presence lets a multi-character operator end in + or - (manual, "Operators"):
    /// otherwise trailing + and - are split off so that <c>1*-2</c> lexes as <c>*</c> and <c>-</c>.
    /// </summary>
    private const string OperatorTailChars = "~!@#%^&|`?";

    /// <summary>The tokens of <paramref name="sql"/>, in order.</summary>
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var i = 0;
        while (true)
        {
            i = SkipWhitespaceAndComments(sql, i);
            if (i >= sql.Length)
            {
                return tokens;
            }

            tokens.Add(ReadToken(sql, ref i));
        }
    }

    /// <summary>
    /// The 1-based character position PostgreSQL reports for a 0-based UTF-16 offset: it counts
    /// characters (code points), so a surrogate pair counts once.
    /// </summary>
    public static int PositionOf(string sql, int offset)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var position = 1;
        for (var k = 0; k < offset && k < sql.Length; k++)
        {
            if (!char.IsLowSurrogate(sql[k]) || k == 0 || !char.IsHighSurrogate(sql[k - 1]))
            {
                position++;
            }
        }

        return position;
    }

    /// <summary>Skips whitespace, <c>--</c> comments and nested <c>/* */</c> comments.</summary>
    internal static int SkipWhitespaceAndComments(string sql, int i)
    {
        while (i < sql.Length)
        {
            var c = sql[i];
            if (IsSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                i = SkipLineComment(sql, i);
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>scan.l <c>space</c>: [ \t\n\r\f\v].</summary>
    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    internal static char At(string sql, int i) => i < sql.Length ? sql[i] : '\0';

    /// <summary>scan.l <c>ident_start</c>: letters, underscore and every non-ASCII character.</summary>
    internal static bool IsIdentStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or >= '\u0080';

    /// <summary>scan.l <c>ident_cont</c>: ident_start, digits and $.</summary>
    internal static bool IsIdentCont(char c) => IsIdentStart(c) || char.IsAsciiDigit(c) || c == '$';

    /// <summary>
    /// Folds an unquoted identifier: PostgreSQL lower-cases only ASCII letters in multibyte encodings
    /// (src/backend/parser/scansup.c, downcase_identifier).
    /// </summary>
    internal static string FoldIdentifier(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
        }

        return builder.ToString();
    }

    /// <summary>Returns the offset after a <c>--</c> comment (the newline is not part of it).</summary>
    internal static int SkipLineComment(string sql, int i)
    {
        while (i < sql.Length && sql[i] is not ('\n' or '\r'))
        {
            i++;
        }

        return i;
    }

    /// <summary>Block comments nest (manual, "Comments"); an unterminated one reports the rest of the input.</summary>
    private static int SkipBlockComment(string sql, int start)
    {
        var depth = 0;
        var i = start;
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
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        throw SqlSyntaxError.At(sql, start, sql.Length - start, "unterminated /* comment");
    }

    private static SqlToken ReadToken(string sql, ref int i)
    {
        var c = sql[i];
        if (IsIdentStart(c))
        {
            return PgStringLexer.TryReadPrefixedLiteral(sql, ref i, out var literal) ? literal : ReadIdentifier(sql, ref i);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(sql, i + 1))))
        {
            return ReadNumber(sql, ref i);
        }

        switch (c)
        {
            case '\'':
                return PgStringLexer.ReadStandardString(sql, ref i);
            case '"':
                return PgStringLexer.ReadQuotedIdentifier(sql, ref i);
            case '$':
                return ReadDollar(sql, ref i);
            case ':' when At(sql, i + 1) is ':' or '=':
            case '.' when At(sql, i + 1) == '.':
                return Single(sql, ref i, 2, SqlTokenKind.Operator);
            case '(' or ')' or '[' or ']' or ',' or ';' or '.' or ':':
                return Single(sql, ref i, 1, SqlTokenKind.Punctuation);
            default:
                return OperatorChars.Contains(c, StringComparison.Ordinal)
                    ? ReadOperator(sql, ref i)
                    : Single(sql, ref i, 1, SqlTokenKind.Other);
        }
    }

    private static SqlToken Single(string sql, ref int i, int length, SqlTokenKind kind)
    {
        var token = new SqlToken(kind, i, length, sql.Substring(i, length));
        i += length;
        return token;
    }

    private static SqlToken ReadIdentifier(string sql, ref int i)
    {
        var start = i;
        while (i < sql.Length && IsIdentCont(sql[i]))
        {
            i++;
        }

        return new SqlToken(SqlTokenKind.Identifier, start, i - start, FoldIdentifier(sql.AsSpan(start, i - start)));
    }

    /// <summary>
    /// Numeric constants (manual, "Numeric Constants"): digits [. digits] [e [+-] digits]. As PostgreSQL 15's
    /// scan.l does, <c>1..</c> leaves <c>..</c> for the next token, and an identifier glued to a number is
    /// "trailing junk after numeric literal" (PostgreSQL 15 has no 0x literals or digit separators).
    /// </summary>
    private static SqlToken ReadNumber(string sql, ref int i)
    {
        var start = i;
        i = SkipDigits(sql, i);
        if (At(sql, i) == '.' && At(sql, i + 1) != '.')
        {
            i = SkipDigits(sql, i + 1);
        }

        if (At(sql, i) is 'e' or 'E')
        {
            var j = i + 1;
            if (At(sql, j) is '+' or '-')
            {
                j++;
            }

            if (char.IsAsciiDigit(At(sql, j)))
            {
                i = SkipDigits(sql, j);
            }
            else if (j > i + 1)
            {
                throw SqlSyntaxError.At(sql, start, j - start, "trailing junk after numeric literal");
            }
        }

        if (i < sql.Length && IsIdentStart(sql[i]))
        {
            throw SqlSyntaxError.At(sql, start, SkipIdentifier(sql, i) - start, "trailing junk after numeric literal");
        }

        return new SqlToken(SqlTokenKind.Number, start, i - start, sql[start..i]);
    }

    /// <summary>PostgreSQL 15 reports the whole identifier glued to a number or parameter as the junk.</summary>
    private static int SkipIdentifier(string sql, int i)
    {
        while (i < sql.Length && IsIdentCont(sql[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipDigits(string sql, int i)
    {
        while (char.IsAsciiDigit(At(sql, i)))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// <c>$n</c> is a parameter; <c>$tag$</c> opens a dollar-quoted string (manual, "Dollar-Quoted String
    /// Constants"; the tag follows identifier rules but may not contain $); any other $ stands alone.
    /// </summary>
    private static SqlToken ReadDollar(string sql, ref int i)
    {
        var start = i;
        if (char.IsAsciiDigit(At(sql, i + 1)))
        {
            var end = SkipDigits(sql, i + 1);
            if (end < sql.Length && IsIdentStart(sql[end]))
            {
                throw SqlSyntaxError.At(sql, start, SkipIdentifier(sql, end) - start, "trailing junk after parameter");
            }

            i = end;
            return new SqlToken(SqlTokenKind.Parameter, start, end - start, sql[(start + 1)..end]);
        }

        var tagEnd = i + 1;
        if (IsIdentStart(At(sql, tagEnd)))
        {
            while (tagEnd < sql.Length && (IsIdentStart(sql[tagEnd]) || char.IsAsciiDigit(sql[tagEnd])))
            {
                tagEnd++;
            }
        }

        if (At(sql, tagEnd) != '$')
        {
            return Single(sql, ref i, 1, SqlTokenKind.Other);
        }

        var delimiter = sql[start..(tagEnd + 1)];
        var contentStart = tagEnd + 1;
        var close = sql.IndexOf(delimiter, contentStart, StringComparison.Ordinal);
        if (close < 0)
        {
            throw SqlSyntaxError.At(sql, start, sql.Length - start, "unterminated dollar-quoted string");
        }

        i = close + delimiter.Length;
        return new SqlToken(SqlTokenKind.DollarString, start, i - start, sql[contentStart..close]);
    }

    /// <summary>
    /// Operators follow scan.l's <c>{operator}</c> rule: the longest run of operator characters, cut
    /// before any <c>--</c> or <c>/*</c>, with trailing + and - split off unless the name contains one
    /// of <see cref="OperatorTailChars"/> (manual, "Operators").
    /// </summary>
    private static SqlToken ReadOperator(string sql, ref int i)
    {
        var start = i;
        var end = i;
        while (end < sql.Length && OperatorChars.Contains(sql[end], StringComparison.Ordinal))
        {
            if (end > start && ((sql[end] == '-' && sql[end - 1] == '-') || (sql[end] == '*' && sql[end - 1] == '/')))
            {
                end--;
                break;
            }

            end++;
        }

        var length = end - start;
        if (length > 1 && sql[end - 1] is '+' or '-')
        {
            var hasTailChar = false;
            for (var k = start; k < end - 1; k++)
            {
                hasTailChar |= OperatorTailChars.Contains(sql[k], StringComparison.Ordinal);
            }

            if (!hasTailChar)
            {
                do
                {
                    length--;
                }
                while (length > 1 && sql[start + length - 1] is '+' or '-');
            }
        }

        return Single(sql, ref i, length, SqlTokenKind.Operator);
    }
}

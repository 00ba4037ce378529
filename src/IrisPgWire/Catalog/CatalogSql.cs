using System.Text;

namespace IrisPgWire.Catalog;

/// <summary>
/// Brings a statement's text to one canonical spelling so that a driver's query is recognised whatever its
/// line breaks, indentation, comments and keyword case: comments removed, letters outside quotes in lower
/// case, and whitespace kept only (as one space) where it separates two words.
/// </summary>
/// <remarks>
/// Lexical rules from the PostgreSQL manual, 4.1 "Lexical Structure": <c>--</c> comments run to the end of
/// the line, <c>/* */</c> comments nest, <c>''</c> inside a string literal and <c>""</c> inside a quoted
/// identifier stand for one quote.
/// </remarks>
internal static class CatalogSql
{
    public static string Normalize(string sql)
    {
        var output = new StringBuilder(sql.Length);
        var pendingSpace = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                i++;
                continue;
            }
            if (c == '-' && At(sql, i + 1, '-'))
            {
                while (i < sql.Length && sql[i] != '\n')
                    i++;
                pendingSpace = true;
                continue;
            }
            if (c == '/' && At(sql, i + 1, '*'))
            {
                i = SkipBlockComment(sql, i);
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && output.Length > 0 && IsWordChar(output[^1]) && IsWordChar(c))
                output.Append(' ');
            pendingSpace = false;
            if (c is '\'' or '"')
            {
                i = CopyQuoted(sql, i, output);
                continue;
            }
            output.Append(char.ToLowerInvariant(c));
            i++;
        }
        while (output.Length > 0 && output[^1] == ';')
            output.Length--;
        return output.ToString();
    }

    private static bool At(string s, int index, char c) => index < s.Length && s[index] == c;

    // A quote char counts as a word char so that "select 'x'" keeps its space; identifiers and $n too.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '\'' or '"';

    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && At(sql, i + 1, '*'))
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && At(sql, i + 1, '/'))
            {
                i += 2;
                if (--depth == 0)
                    return i;
            }
            else
            {
                i++;
            }
        }
        return i;
    }

    private static int CopyQuoted(string sql, int i, StringBuilder output)
    {
        var quote = sql[i];
        output.Append(quote);
        i++;
        while (i < sql.Length)
        {
            var c = sql[i++];
            output.Append(c);
            if (c != quote)
                continue;
            if (!At(sql, i, quote))
                return i;
            output.Append(quote);
            i++;
        }
        return i;
    }
}

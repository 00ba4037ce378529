namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// LIKE and ILIKE as PostgreSQL matches them (PostgreSQL manual, "LIKE"): <c>_</c> one character, <c>%</c> any
/// run, the escape character (backslash by default) making the next one literal; ILIKE folds case.
/// </summary>
internal static class SqliteLike
{
    public static bool Matches(string text, string pattern, bool caseInsensitive, string? escape)
    {
        if (caseInsensitive)
        {
            text = text.ToLowerInvariant();
            pattern = pattern.ToLowerInvariant();
        }
        var esc = string.IsNullOrEmpty(escape) ? (char?)null : escape[0];
        return Match(text, 0, pattern, 0, esc);
    }

    private static bool Match(string s, int si, string p, int pi, char? esc)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            if (esc is { } e && c == e && pi + 1 < p.Length)
            {
                if (si >= s.Length || s[si] != p[pi + 1])
                    return false;
                si++;
                pi += 2;
                continue;
            }
            if (c == '%')
            {
                while (pi < p.Length && p[pi] == '%')
                    pi++;
                if (pi == p.Length)
                    return true;
                for (var k = si; k <= s.Length; k++)
                {
                    if (Match(s, k, p, pi, esc))
                        return true;
                }
                return false;
            }
            if (si >= s.Length)
                return false;
            if (c != '_' && s[si] != c)
                return false;
            si++;
            pi++;
        }
        return si == s.Length;
    }
}

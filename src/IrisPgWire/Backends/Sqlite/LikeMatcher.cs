using System.Text;
using System.Text.RegularExpressions;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>LIKE/ILIKE matching with PostgreSQL's rules: % any run, _ one character, backslash escapes.</summary>
internal static class LikeMatcher
{
    public static bool Matches(string value, string pattern, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '%')
                regex.Append(".*");
            else if (c == '_')
                regex.Append('.');
            else
                regex.Append(Regex.Escape(c.ToString()));
        }
        regex.Append('$');
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return Regex.IsMatch(value, regex.ToString(), options, TimeSpan.FromSeconds(1));
    }
}

using System.Globalization;
using IrisPgWire.Sql;

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// The CommandComplete tag PostgreSQL gives a statement (manual, "Message Formats", CommandComplete),
/// worked out from its leading keywords and the row count, since ADO.NET providers report only the count.
/// </summary>
internal static class RemoteCommandTag
{
    /// <summary>Words between CREATE/DROP/ALTER and the object kind that the tag leaves out.</summary>
    private static readonly HashSet<string> Qualifiers = ["or", "replace", "unique", "temp", "temporary", "unlogged", "global", "local", "concurrently"];

    /// <param name="sql">The statement as the client sent it.</param>
    /// <param name="affected">Rows inserted, updated or deleted (ADO.NET's RecordsAffected), -1 when not reported.</param>
    /// <param name="returned">Rows the statement returned.</param>
    public static string For(string sql, long affected, long returned)
    {
        var words = Leading(sql, 4);
        var count = (affected >= 0 ? affected : returned).ToString(CultureInfo.InvariantCulture);
        var first = words.Count > 0 ? words[0] : "";
        switch (first)
        {
            case "insert":
                return "INSERT 0 " + count;
            case "update" or "delete" or "merge" or "fetch" or "move" or "copy":
                return first.ToUpperInvariant() + " " + count;
            case "select" or "values" or "table" or "with":
                return "SELECT " + (returned > 0 || affected < 0 ? returned : affected).ToString(CultureInfo.InvariantCulture);
            case "truncate":
                return "TRUNCATE TABLE";
            case "create" or "drop" or "alter":
                var rest = words.Skip(1).Where(w => !Qualifiers.Contains(w)).ToList();
                if (first == "create" && rest.Count > 0 && rest[0] == "table" && sql.Contains(" as ", StringComparison.OrdinalIgnoreCase))
                    return "SELECT " + count;
                var kind = rest.Count > 0 ? rest[0] : "";
                if (kind is "materialized" or "foreign" && rest.Count > 1)
                    kind += " " + rest[1];
                return (first + " " + kind).TrimEnd().ToUpperInvariant();
            default:
                return first.ToUpperInvariant();
        }
    }

    private static List<string> Leading(string sql, int count)
    {
        var words = new List<string>(count);
        foreach (var token in PgLexer.Tokenize(sql))
        {
            if (token.Kind != SqlTokenKind.Identifier || words.Count == count)
                break;
            words.Add(token.Value);
        }
        return words;
    }
}

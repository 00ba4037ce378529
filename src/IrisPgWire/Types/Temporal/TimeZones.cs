namespace IrisPgWire.Types.Temporal;

/// <summary>
/// Zone names and abbreviations for date/time input. Abbreviations are a subset of PostgreSQL's
/// default set (share/timezonesets/Default); full names are IANA zones from the system database.
/// </summary>
internal static class TimeZones
{
    private static readonly Dictionary<string, int> Abbreviations = new(StringComparer.Ordinal)
    {
        ["utc"] = 0, ["gmt"] = 0, ["z"] = 0, ["zulu"] = 0, ["ut"] = 0,
        ["pst"] = -8 * 3600, ["pdt"] = -7 * 3600, ["mst"] = -7 * 3600, ["mdt"] = -6 * 3600,
        ["cst"] = -6 * 3600, ["cdt"] = -5 * 3600, ["est"] = -5 * 3600, ["edt"] = -4 * 3600,
        ["akst"] = -9 * 3600, ["akdt"] = -8 * 3600, ["hst"] = -10 * 3600,
        ["wet"] = 0, ["west"] = 3600, ["bst"] = 3600, ["cet"] = 3600, ["cest"] = 2 * 3600,
        ["met"] = 3600, ["mest"] = 2 * 3600, ["eet"] = 2 * 3600, ["eest"] = 3 * 3600, ["msk"] = 3 * 3600,
        ["ist"] = 2 * 3600, ["jst"] = 9 * 3600, ["kst"] = 9 * 3600, ["hkt"] = 8 * 3600, ["sgt"] = 8 * 3600,
        ["awst"] = 8 * 3600, ["acst"] = (9 * 3600) + 1800, ["aest"] = 10 * 3600, ["aedt"] = 11 * 3600,
        ["nzst"] = 12 * 3600, ["nzdt"] = 13 * 3600,
    };

    public static bool TryAbbreviation(string lower, out int offsetSeconds) =>
        Abbreviations.TryGetValue(lower, out offsetSeconds);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo?> Cache =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds an IANA zone by name, case-insensitively as PostgreSQL does.</summary>
    public static bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = Cache.GetOrAdd(name, static n =>
        {
            if (n.Equals("UTC", StringComparison.OrdinalIgnoreCase))
                return TimeZoneInfo.Utc;
            if (TimeZoneInfo.TryFindSystemTimeZoneById(n, out var z))
                return z;
            foreach (var candidate in TimeZoneInfo.GetSystemTimeZones())
            {
                if (candidate.Id.Equals(n, StringComparison.OrdinalIgnoreCase))
                    return candidate;
            }
            return null;
        });
        return zone is not null;
    }
}

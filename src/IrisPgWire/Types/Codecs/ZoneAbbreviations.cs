using System.Collections.Concurrent;
using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Time zone abbreviations (EST, EDT, IST ...) as PostgreSQL prints them in the SQL, German and
/// Postgres DateStyles. .NET has no API for them, so they come from the zone's tzdata file: its POSIX TZ
/// footer names the standard and daylight abbreviations, and the zone says which applies at an instant.
/// </summary>
internal static class ZoneAbbreviations
{
    private const string ZoneInfo = "/usr/share/zoneinfo";
    private static readonly ConcurrentDictionary<string, (string? Standard, string? Daylight)> Names = new(StringComparer.Ordinal);

    /// <summary>The abbreviation in force at <paramref name="utc"/>, or null when the zone's data does not say.</summary>
    public static string? At(TimeZoneInfo zone, DateTime utc)
    {
        if (zone == TimeZoneInfo.Utc)
            return "UTC";
        var (standard, daylight) = Names.GetOrAdd(zone.Id, Read);
        var isDaylight = zone.IsDaylightSavingTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return isDaylight ? daylight ?? standard : standard;
    }

    private static (string?, string?) Read(string id)
    {
        try
        {
            var path = Path.GetFullPath(Path.Combine(ZoneInfo, id));
            if (!path.StartsWith(ZoneInfo + "/", StringComparison.Ordinal) || !File.Exists(path))
                return (null, null);
            var bytes = File.ReadAllBytes(path);
            // The footer is the last line: "\n<POSIX TZ string>\n" (RFC 8536, section 3.3).
            var end = bytes.Length - 1;
            if (end < 1 || bytes[end] != '\n')
                return (null, null);
            var start = Array.LastIndexOf(bytes, (byte)'\n', end - 1) + 1;
            return ParseTz(Encoding.ASCII.GetString(bytes, start, end - start));
        }
        catch (IOException)
        {
            return (null, null);
        }
    }

    /// <summary>"EST5EDT,M3.2.0,M11.1.0" → (EST, EDT); "IST-5:30" → (IST, null); "&lt;+0530&gt;-5:30" → (+0530, null).</summary>
    private static (string?, string?) ParseTz(string tz)
    {
        var i = 0;
        var standard = Name(tz, ref i);
        while (i < tz.Length && (char.IsAsciiDigit(tz[i]) || tz[i] is '+' or '-' or ':'))
            i++;
        var daylight = i < tz.Length && tz[i] != ',' ? Name(tz, ref i) : null;
        return (standard, daylight);
    }

    private static string? Name(string tz, ref int i)
    {
        if (i >= tz.Length)
            return null;
        int start;
        if (tz[i] == '<')
        {
            start = ++i;
            while (i < tz.Length && tz[i] != '>')
                i++;
            return tz[start..i++];
        }
        start = i;
        while (i < tz.Length && char.IsAsciiLetter(tz[i]))
            i++;
        return i > start ? tz[start..i] : null;
    }
}

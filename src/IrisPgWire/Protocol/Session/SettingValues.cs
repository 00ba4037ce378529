using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Protocol.Session;

/// <summary>Checks and normalises setting values as PostgreSQL's GUC code does for the settings we keep.</summary>
internal static class SettingValues
{
    public static PgErrorException Invalid(string name, string value, string? detail = null) =>
        new(SqlState.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"", detail);

    /// <summary>DateStyle: an output style and/or a field order (PostgreSQL manual, "DateStyle").</summary>
    public static string DateStyle(string value, string current)
    {
        var parts = current.Split(", ");
        string style = parts[0], order = parts[1];
        foreach (var raw in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            switch (raw.ToUpperInvariant())
            {
                case "ISO": style = "ISO"; break;
                case "SQL": style = "SQL"; break;
                case "POSTGRES": style = "Postgres"; break;
                case "GERMAN": style = "German"; break;
                case "MDY" or "US" or "NONEUROPEAN": order = "MDY"; break;
                case "DMY" or "EUROPEAN": order = "DMY"; break;
                case "YMD": order = "YMD"; break;
                case "DEFAULT": style = "ISO"; order = "MDY"; break;
                default: throw Invalid("DateStyle", value, $"Unrecognized key word: \"{raw}\".");
            }
        }
        return $"{style}, {order}";
    }

    public static string OneOf(string name, string value, params string[] allowed)
    {
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                return candidate;
        }
        throw new PgErrorException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"",
            hint: $"Available values: {string.Join(", ", allowed)}.");
    }

    public static string Boolean(string name, string value) => value.ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" or "t" or "y" => "on",
        "off" or "false" or "no" or "0" or "f" or "n" => "off",
        _ => throw new PgErrorException(SqlState.InvalidParameterValue, $"parameter \"{name}\" requires a Boolean value"),
    };

    public static string Integer(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new PgErrorException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"");
        if (n < min || n > max)
            throw new PgErrorException(SqlState.InvalidParameterValue,
                $"{n} is outside the valid range for parameter \"{name}\" ({min} .. {max})");
        return n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A time setting in milliseconds with an optional unit (ms, s, min, h, d), printed in the largest
    /// unit that divides it exactly, as SHOW does.
    /// </summary>
    public static string Milliseconds(string name, string value)
    {
        var ms = ParseMilliseconds(name, value);
        if (ms == 0)
            return "0";
        (long Size, string Unit)[] units = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "min"), (1000, "s")];
        foreach (var (size, unit) in units)
        {
            if (ms % size == 0)
                return (ms / size).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    public static long ParseMilliseconds(string name, string value)
    {
        var text = value.Trim();
        var split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || (split == 0 && text[split] is '-' or '+')))
            split++;
        if (split == 0 || !long.TryParse(text.AsSpan(0, split), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw Invalid(name, value);
        var factor = text[split..].Trim() switch
        {
            "" or "ms" => 1L,
            "s" => 1000L,
            "min" => 60_000L,
            "h" => 3_600_000L,
            "d" => 86_400_000L,
            _ => throw new PgErrorException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"",
                hint: "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\"."),
        };
        if (n < 0)
            throw new PgErrorException(SqlState.InvalidParameterValue,
                $"{n} ms is outside the valid range for parameter \"{name}\" (0 .. 2147483647)");
        return n * factor;
    }

    public static string ClientEncoding(string value)
    {
        var key = value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
        return key switch
        {
            "UTF8" or "UNICODE" => "UTF8",
            // psql sends SQL_ASCII under the C locale; bytes pass through unchanged, as PostgreSQL does for it.
            "SQLASCII" => "SQL_ASCII",
            _ => throw new PgErrorException(SqlState.FeatureNotSupported,
                $"conversion between {value} and UTF8 is not supported"),
        };
    }

    /// <summary>TimeZone: an IANA name (case-insensitive), UTC/GMT, or a numeric offset in hours.</summary>
    public static (string Name, TimeZoneInfo Zone) TimeZone(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
            throw Invalid("TimeZone", value);
        if (string.Equals(trimmed, "UTC", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(trimmed, "GMT", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(trimmed, "Z", StringComparison.OrdinalIgnoreCase))
            return (trimmed.ToUpperInvariant() == "Z" ? "UTC" : trimmed.ToUpperInvariant(), TimeZoneInfo.Utc);
        if (double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours))
        {
            if (Math.Abs(hours) > 15)
                throw Invalid("TimeZone", value);
            var offset = TimeSpan.FromHours(hours);
            // SET TIME ZONE -5 shows as a POSIX zone: <-05>+05 (west of Greenwich is positive in POSIX).
            var abbreviation = FormatOffset(offset);
            var name = $"<{abbreviation}>{FormatOffset(-offset)}";
            return (name, TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name));
        }
        if (TryFind(trimmed, out var zone))
            return (zone.Id, zone);
        throw Invalid("TimeZone", value);
    }

    private static string FormatOffset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}:{abs.Minutes:00}");
    }

    private static bool TryFind(string name, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
        }
        catch (InvalidTimeZoneException)
        {
        }
        foreach (var candidate in TimeZoneInfo.GetSystemTimeZones())
        {
            if (string.Equals(candidate.Id, name, StringComparison.OrdinalIgnoreCase))
            {
                zone = candidate;
                return true;
            }
        }
        zone = TimeZoneInfo.Utc;
        return false;
    }
}

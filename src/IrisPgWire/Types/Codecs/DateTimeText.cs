using System.Globalization;
using System.Text.RegularExpressions;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Reads date/time input in the forms the manual's "Date/Time Input" section lists that real data uses
/// (ISO 8601 with T and zones, YYYYMMDD, month names, DateStyle field order for 1/2/2024, AM/PM,
/// special values), and writes the ISO output form.
/// </summary>
internal static partial class DateTimeText
{
    public static readonly DateTime PostgresEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public enum Special
    {
        None,
        Infinity,
        NegativeInfinity,
    }

    /// <summary>The parts of one date/time input.</summary>
    public readonly record struct Parsed(DateOnly? Date, long? TimeTicks, TimeSpan? Offset, TimeZoneInfo? Zone, Special Special);

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    [GeneratedRegex(@"^(\d{4,})-(\d{1,2})-(\d{1,2})")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})(?!\d|:)")]
    private static partial Regex CompactDate();

    [GeneratedRegex(@"^(?:(\d{1,2})[- ]([a-z]{3,9})\.?[- ,]*(\d{1,4})|([a-z]{3,9})\.?[- ]*(\d{1,2})(?:st|nd|rd|th)?[, ]+(\d{1,4}))")]
    private static partial Regex NamedDate();

    [GeneratedRegex(@"^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?\s*(am|pm)?")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"^(?:z|zulu|utc|gmt|ut|([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?|([a-z_]+(?:/[a-z_+\-0-9]+)+))$")]
    private static partial Regex Zone();

    [GeneratedRegex(@"^(?:\w+day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+")]
    private static partial Regex Weekday();

    /// <summary>Parses input for a date/time type; <paramref name="typeName"/> is used in error messages.</summary>
    public static Parsed Parse(string input, string typeName, PgFormatSettings settings, bool wantDate, bool wantTime)
    {
        var text = input.Trim().ToLowerInvariant();
        switch (text)
        {
            case "infinity" or "+infinity": return new Parsed(null, null, null, null, Special.Infinity);
            case "-infinity": return new Parsed(null, null, null, null, Special.NegativeInfinity);
            case "epoch": return new Parsed(new DateOnly(1970, 1, 1), 0, TimeSpan.Zero, null, Special.None);
            case "allballs": return new Parsed(null, 0, TimeSpan.Zero, null, Special.None);
        }
        var now = DateTime.UtcNow;
        switch (text)
        {
            case "now": return new Parsed(DateOnly.FromDateTime(now), now.TimeOfDay.Ticks, TimeSpan.Zero, null, Special.None);
            case "today": return new Parsed(DateOnly.FromDateTime(now), 0, null, null, Special.None);
            case "tomorrow": return new Parsed(DateOnly.FromDateTime(now).AddDays(1), 0, null, null, Special.None);
            case "yesterday": return new Parsed(DateOnly.FromDateTime(now).AddDays(-1), 0, null, null, Special.None);
        }
        var bc = false;
        if (text.EndsWith(" bc", StringComparison.Ordinal))
        {
            bc = true;
            text = text[..^3].TrimEnd();
        }
        else if (text.EndsWith(" ad", StringComparison.Ordinal))
        {
            text = text[..^3].TrimEnd();
        }
        text = Weekday().Replace(text, "");

        DateOnly? date = null;
        var rest = text;
        {
            Match m;
            if ((m = IsoDate().Match(rest)).Success)
            {
                date = MakeDate(input, Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3]), bc);
            }
            else if ((m = CompactDate().Match(rest)).Success)
            {
                date = MakeDate(input, Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3]), bc);
            }
            else if ((m = NumericDate().Match(rest)).Success && !rest.AsSpan(m.Length).StartsWith(":"))
            {
                int a = Int(m.Groups[1]), b = Int(m.Groups[2]), c = Int(m.Groups[3]);
                var order = settings.DateStyle.EndsWith("DMY", StringComparison.Ordinal) ? "DMY"
                    : settings.DateStyle.EndsWith("YMD", StringComparison.Ordinal) ? "YMD" : "MDY";
                if (m.Groups[1].Length >= 3)
                    order = "YMD";
                date = order switch
                {
                    "YMD" => MakeDate(input, a, b, c, bc),
                    "DMY" => MakeDate(input, TwoDigitYear(m.Groups[3], c), b, a, bc),
                    _ => MakeDate(input, TwoDigitYear(m.Groups[3], c), a, b, bc),
                };
            }
            else if ((m = NamedDate().Match(rest)).Success)
            {
                date = m.Groups[1].Success
                    ? MakeDate(input, TwoDigitYear(m.Groups[3], Int(m.Groups[3])), Month(m.Groups[2].Value, input, typeName), Int(m.Groups[1]), bc)
                    : MakeDate(input, TwoDigitYear(m.Groups[6], Int(m.Groups[6])), Month(m.Groups[4].Value, input, typeName), Int(m.Groups[5]), bc);
            }
            if (date is not null)
                rest = rest[m.Length..].TrimStart();
        }

        long? ticks = null;
        if (rest.StartsWith('t') && rest.Length > 1 && char.IsAsciiDigit(rest[1]))
            rest = rest[1..];
        var t = TimeOfDay().Match(rest);
        if (t.Success)
        {
            int hour = Int(t.Groups[1]), minute = Int(t.Groups[2]);
            var second = t.Groups[3].Success ? Int(t.Groups[3]) : 0;
            var fraction = t.Groups[4].Success ? t.Groups[4].Value : "";
            if (t.Groups[5].Success)
            {
                if (hour is < 1 or > 12)
                    throw OutOfRange(input);
                hour = hour % 12 + (t.Groups[5].Value == "pm" ? 12 : 0);
            }
            if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0 || fraction.Trim('0').Length > 0)))
                throw OutOfRange(input);
            ticks = (hour * 3600L + minute * 60L + second) * TimeSpan.TicksPerSecond + FractionTicks(fraction);
            rest = rest[t.Length..].TrimStart();
        }

        TimeSpan? offset = null;
        TimeZoneInfo? zone = null;
        if (rest.Length > 0)
        {
            var z = Zone().Match(rest);
            if (!z.Success || ticks is null && date is null)
                throw Syntax(input, typeName);
            if (z.Groups[1].Success)
            {
                var hours = Int(z.Groups[2]);
                var minutes = z.Groups[3].Success ? Int(z.Groups[3]) : 0;
                var seconds = z.Groups[4].Success ? Int(z.Groups[4]) : 0;
                if (hours > 15 || minutes > 59 || seconds > 59)
                    throw new PgErrorException(SqlState.InvalidTimeZoneDisplacementValue, $"time zone displacement out of range: \"{input}\"");
                offset = new TimeSpan(hours, minutes, seconds) * (z.Groups[1].Value == "-" ? -1 : 1);
            }
            else if (z.Groups[5].Success)
            {
                zone = FindZone(z.Groups[5].Value) ?? throw new PgErrorException(SqlState.InvalidParameterValue,
                    $"time zone \"{z.Groups[5].Value}\" not recognized");
            }
            else
            {
                offset = TimeSpan.Zero;
            }
        }
        if ((wantDate && date is null) || (wantTime && !wantDate && ticks is null))
            throw Syntax(input, typeName);
        return new Parsed(date, ticks, offset, zone, Special.None);
    }

    public static PgErrorException Syntax(string input, string typeName) =>
        new(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{input}\"");

    public static PgErrorException OutOfRange(string input) =>
        new(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{input}\"");

    /// <summary>Rounds ticks (100 ns) to microseconds, or to <paramref name="precision"/> fractional digits.</summary>
    public static long Round(long ticks, int precision = 6)
    {
        precision = Math.Clamp(precision, 0, 6);
        var unit = TimeSpan.TicksPerSecond / (long)Math.Pow(10, precision);
        var remainder = ticks % unit;
        ticks -= remainder;
        if (Math.Abs(remainder) * 2 >= unit)
            ticks += Math.Sign(remainder) * unit;
        return ticks;
    }

    public static string FormatDate(DateOnly date) =>
        date.Year.ToString("0000", CultureInfo.InvariantCulture) + date.ToString("-MM-dd", CultureInfo.InvariantCulture);

    private static readonly string[] MonthAbbreviations =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static readonly string[] DayAbbreviations = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>A date in the session's DateStyle (datetime.c, EncodeDateOnly).</summary>
    public static string FormatDate(DateOnly date, string dateStyle)
    {
        var (style, dmy) = Style(dateStyle);
        var dd = date.Day.ToString("00", CultureInfo.InvariantCulture);
        var mm = date.Month.ToString("00", CultureInfo.InvariantCulture);
        var yyyy = date.Year.ToString("0000", CultureInfo.InvariantCulture);
        return style switch
        {
            "SQL" => dmy ? $"{dd}/{mm}/{yyyy}" : $"{mm}/{dd}/{yyyy}",
            "German" => $"{dd}.{mm}.{yyyy}",
            "Postgres" => dmy ? $"{dd}-{mm}-{yyyy}" : $"{mm}-{dd}-{yyyy}",
            _ => FormatDate(date),
        };
    }

    /// <summary>
    /// A timestamp in the session's DateStyle (datetime.c, EncodeDateTime), with the zone for timestamptz as
    /// a numeric offset in ISO and an abbreviation otherwise (both null for timestamp).
    /// </summary>
    public static string FormatTimestamp(DateTime value, string dateStyle, string? isoOffset, string? abbreviation)
    {
        var (style, dmy) = Style(dateStyle);
        var time = FormatTime(value.TimeOfDay.Ticks);
        var zone = abbreviation is null ? "" : " " + abbreviation;
        var date = DateOnly.FromDateTime(value);
        return style switch
        {
            "SQL" or "German" => $"{FormatDate(date, dateStyle)} {time}{zone}",
            "Postgres" => dmy
                ? $"{DayAbbreviations[(int)value.DayOfWeek]} {value.Day:00} {MonthAbbreviations[value.Month - 1]} {time} {value.Year:0000}{zone}"
                : $"{DayAbbreviations[(int)value.DayOfWeek]} {MonthAbbreviations[value.Month - 1]} {value.Day:00} {time} {value.Year:0000}{zone}",
            _ => FormatTimestamp(value) + (isoOffset ?? ""),
        };
    }

    private static (string Style, bool Dmy) Style(string dateStyle)
    {
        var comma = dateStyle.IndexOf(',', StringComparison.Ordinal);
        var style = comma < 0 ? dateStyle : dateStyle[..comma];
        return (style, dateStyle.EndsWith("DMY", StringComparison.Ordinal));
    }

    /// <summary>HH:MM:SS with the fraction's trailing zeros removed, as PostgreSQL prints times.</summary>
    public static string FormatTime(long ticks)
    {
        var microseconds = ticks / 10;
        var seconds = microseconds / 1_000_000;
        var fraction = microseconds % 1_000_000;
        var text = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        return fraction == 0 ? text : text + "." + fraction.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static string FormatTimestamp(DateTime value) =>
        FormatDate(DateOnly.FromDateTime(value)) + " " + FormatTime(value.TimeOfDay.Ticks);

    /// <summary>A UTC offset as PostgreSQL prints it: +HH, +HH:MM or +HH:MM:SS.</summary>
    public static string FormatOffset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{(int)abs.TotalHours:00}");
        if (abs.Minutes != 0 || abs.Seconds != 0)
            text += string.Create(CultureInfo.InvariantCulture, $":{abs.Minutes:00}");
        if (abs.Seconds != 0)
            text += string.Create(CultureInfo.InvariantCulture, $":{abs.Seconds:00}");
        return text;
    }

    public static TimeZoneInfo? FindZone(string name)
    {
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (string.Equals(zone.Id, name, StringComparison.OrdinalIgnoreCase))
                return zone;
        }
        return null;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    private static int TwoDigitYear(Group g, int year) =>
        g.Length <= 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;

    private static int Month(string name, string input, string typeName)
    {
        var index = Array.IndexOf(MonthNames, name.Length >= 3 ? name[..3] : name);
        return index >= 0 ? index + 1 : throw Syntax(input, typeName);
    }

    private static long FractionTicks(string fraction)
    {
        if (fraction.Length == 0)
            return 0;
        var padded = (fraction + "0000000")[..7];
        var ticks = long.Parse(padded, CultureInfo.InvariantCulture);
        // Digits beyond 100 ns only matter for rounding to microseconds.
        if (fraction.Length > 7 && fraction[7] >= '5')
            ticks++;
        return ticks;
    }

    private static DateOnly MakeDate(string input, int year, int month, int day, bool bc)
    {
        if (bc)
            throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"date out of range: \"{input}\"");
        if (month > 12)
        {
            // A month over 12 often means the day and month are the other way round (datetime.c, DTERR_MD_FIELD_OVERFLOW).
            throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{input}\"",
                hint: "Perhaps you need a different \"datestyle\" setting.");
        }
        if (month < 1 || day < 1 || year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month))
            throw OutOfRange(input);
        return new DateOnly(year, month, day);
    }
}

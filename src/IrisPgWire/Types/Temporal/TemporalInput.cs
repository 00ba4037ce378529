using IrisPgWire.Errors;

namespace IrisPgWire.Types.Temporal;

/// <summary>Turns parsed date/time fields into PostgreSQL's internal numbers (days, microseconds).</summary>
internal static class TemporalInput
{
    public static DateOrder OrderOf(PgFormatSettings settings)
    {
        string ds = settings.DateStyle;
        if (ds.Contains("DMY", StringComparison.OrdinalIgnoreCase) || ds.Contains("European", StringComparison.OrdinalIgnoreCase)
            || ds.Contains("German", StringComparison.OrdinalIgnoreCase))
            return DateOrder.Dmy;
        if (ds.Contains("YMD", StringComparison.OrdinalIgnoreCase))
            return DateOrder.Ymd;
        return DateOrder.Mdy;
    }

    /// <summary>Midnight of today in the session's zone, as days since 2000-01-01.</summary>
    public static int Today(PgFormatSettings settings)
    {
        long now = PgCalendar.NowMicros();
        now += PgCalendar.OffsetAtUtc(settings.TimeZone, now) * PgCalendar.MicrosPerSecond;
        return (int)PgCalendar.FloorDiv(now, PgCalendar.MicrosPerDay);
    }

    /// <summary>
    /// Local timestamp micros of the fields (date plus time), or the special values; range as
    /// IS_VALID_TIMESTAMP (4714-11-24 BC to 294276-12-31).
    /// </summary>
    public static long LocalTimestamp(in DateTimeFields f, string text, string typeName, PgFormatSettings settings,
        out bool isSpecialInfinity)
    {
        isSpecialInfinity = false;
        switch (f.Special)
        {
            case SpecialValue.Infinity: isSpecialInfinity = true; return long.MaxValue;
            case SpecialValue.NegativeInfinity: isSpecialInfinity = true; return long.MinValue;
            case SpecialValue.Epoch:
                return (PgCalendar.UnixEpochJulian - PgCalendar.PostgresEpochJulian) * PgCalendar.MicrosPerDay;
            case SpecialValue.Today: return Today(settings) * PgCalendar.MicrosPerDay;
            case SpecialValue.Tomorrow: return (Today(settings) + 1L) * PgCalendar.MicrosPerDay;
            case SpecialValue.Yesterday: return (Today(settings) - 1L) * PgCalendar.MicrosPerDay;
            case SpecialValue.Now:
            {
                long now = PgCalendar.NowMicros();
                return now + (PgCalendar.OffsetAtUtc(settings.TimeZone, now) * PgCalendar.MicrosPerSecond);
            }
        }
        if (!f.HasDate)
            throw new PgErrorException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{text}\"");
        int julian = PgCalendar.ToJulian(f.Year, f.Month, f.Day);
        if (julian < 0 || julian >= PgCalendar.TimestampEndJulian)
            throw OutOfRange(text);
        return ((julian - PgCalendar.PostgresEpochJulian) * PgCalendar.MicrosPerDay) + f.TimeMicros;
    }

    public static PgErrorException OutOfRange(string text) =>
        new(SqlState.DatetimeFieldOverflow, $"timestamp out of range: \"{text}\"");

    /// <summary>AdjustTimestampForTypmod / AdjustTimeForTypmod: round half away from zero to p digits.</summary>
    public static long RoundToPrecision(long micros, int precision)
    {
        if (precision is < 0 or >= 6)
            return micros;
        long scale = 1;
        for (int k = precision; k < 6; k++)
            scale *= 10;
        long offset = scale / 2;
        return micros >= 0 ? (micros + offset) / scale * scale : -((-micros + offset) / scale * scale);
    }
}

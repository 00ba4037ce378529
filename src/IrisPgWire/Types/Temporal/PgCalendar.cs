namespace IrisPgWire.Types.Temporal;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on Julian day numbers, as PostgreSQL keeps dates
/// (src/backend/utils/adt/datetime.c, date2j/j2date; astronomical years: 1 BC is year 0).
/// Dates are days and timestamps microseconds since 2000-01-01 (the PostgreSQL epoch).
/// </summary>
internal static class PgCalendar
{
    public const int PostgresEpochJulian = 2451545;
    public const int UnixEpochJulian = 2440588;
    public const long MicrosPerDay = 86_400_000_000L;
    public const long MicrosPerSecond = 1_000_000L;

    /// <summary>First invalid Julian day for dates (5874898-01-01) and timestamps (294277-01-01).</summary>
    public const int DateEndJulian = 2147483494;
    public const int TimestampEndJulian = 109203528;

    public static int ToJulian(int year, int month, int day)
    {
        // Shift the year so March is the first month; leap days fall at the end of the shifted year.
        long a = (14 - month) / 12;
        long y = year + 4800L - a;
        long m = month + (12 * a) - 3;
        return (int)(day + (((153 * m) + 2) / 5) + (365 * y) + FloorDiv(y, 4) - FloorDiv(y, 100) + FloorDiv(y, 400) - 32045);
    }

    public static (int Year, int Month, int Day) FromJulian(int julian)
    {
        long a = julian + 32044L;
        long b = FloorDiv((4 * a) + 3, 146097);
        long c = a - FloorDiv(146097 * b, 4);
        long d = FloorDiv((4 * c) + 3, 1461);
        long e = c - FloorDiv(1461 * d, 4);
        long m = FloorDiv((5 * e) + 2, 153);
        int day = (int)(e - FloorDiv((153 * m) + 2, 5) + 1);
        int month = (int)(m + 3 - (12 * FloorDiv(m, 10)));
        int year = (int)((100 * b) + d - 4800 + FloorDiv(m, 10));
        return (year, month, day);
    }

    public static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    public static bool IsLeap(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days since 2000-01-01 of a calendar date (astronomical year).</summary>
    public static int ToPgDate(int year, int month, int day) => ToJulian(year, month, day) - PostgresEpochJulian;

    public static (int Year, int Month, int Day) FromPgDate(int days) => FromJulian(days + PostgresEpochJulian);

    /// <summary>Time zone offset (seconds east of UTC) of a zone at a UTC instant, clamped to .NET's date range.</summary>
    public static int OffsetAtUtc(TimeZoneInfo zone, long pgMicros)
    {
        if (zone == TimeZoneInfo.Utc)
            return 0;
        var dt = ToDateTime(pgMicros, DateTimeKind.Utc);
        return (int)zone.GetUtcOffset(dt).TotalSeconds;
    }

    /// <summary>Offset (seconds east) a zone applies to a local wall-clock time.</summary>
    public static int OffsetAtLocal(TimeZoneInfo zone, long pgLocalMicros)
    {
        if (zone == TimeZoneInfo.Utc)
            return 0;
        var dt = ToDateTime(pgLocalMicros, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(dt))
            dt = dt.AddHours(1);
        return (int)zone.GetUtcOffset(dt).TotalSeconds;
    }

    private static readonly long PgEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static DateTime ToDateTime(long pgMicros, DateTimeKind kind)
    {
        long ticks = PgEpochTicks + (pgMicros * 10);
        // Outside .NET's range, use the zone's rules at the nearest representable instant.
        if (pgMicros > (DateTime.MaxValue.Ticks - PgEpochTicks) / 10 - MicrosPerDay)
            ticks = DateTime.MaxValue.Ticks - (TimeSpan.TicksPerDay * 2);
        else if (pgMicros < -(PgEpochTicks / 10) + MicrosPerDay)
            ticks = TimeSpan.TicksPerDay * 2;
        return new DateTime(ticks, kind);
    }

    public static long NowMicros() => (DateTime.UtcNow.Ticks - PgEpochTicks) / 10;
}

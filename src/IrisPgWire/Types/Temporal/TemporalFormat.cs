using System.Globalization;
using System.Text;

namespace IrisPgWire.Types.Temporal;

/// <summary>
/// ISO output of dates, times and timestamps (datetime.c EncodeDateOnly/EncodeTimeOnly/EncodeDateTime
/// with DateStyle ISO): years padded to four digits, " BC" after everything, fractional seconds
/// without trailing zeros, zone offsets as +hh[:mm[:ss]].
/// </summary>
internal static class TemporalFormat
{
    public static void AppendDate(StringBuilder sb, int days, out bool bc)
    {
        var (y, m, d) = PgCalendar.FromPgDate(days);
        bc = y <= 0;
        if (bc)
            y = -y + 1;
        sb.Append(y.ToString("D4", CultureInfo.InvariantCulture)).Append('-')
            .Append(m.ToString("D2", CultureInfo.InvariantCulture)).Append('-')
            .Append(d.ToString("D2", CultureInfo.InvariantCulture));
    }

    public static string Date(int days)
    {
        if (days == int.MaxValue)
            return "infinity";
        if (days == int.MinValue)
            return "-infinity";
        var sb = new StringBuilder(16);
        AppendDate(sb, days, out bool bc);
        if (bc)
            sb.Append(" BC");
        return sb.ToString();
    }

    public static void AppendTime(StringBuilder sb, long micros)
    {
        long secs = micros / PgCalendar.MicrosPerSecond;
        long frac = micros % PgCalendar.MicrosPerSecond;
        sb.Append((secs / 3600).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
            .Append((secs / 60 % 60).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
            .Append((secs % 60).ToString("D2", CultureInfo.InvariantCulture));
        AppendFraction(sb, frac);
    }

    public static void AppendFraction(StringBuilder sb, long frac)
    {
        if (frac == 0)
            return;
        string f = frac.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        sb.Append('.').Append(f);
    }

    /// <summary>+hh, +hh:mm or +hh:mm:ss (seconds east of UTC).</summary>
    public static void AppendOffset(StringBuilder sb, int offsetSeconds)
    {
        int a = Math.Abs(offsetSeconds);
        sb.Append(offsetSeconds < 0 ? '-' : '+').Append((a / 3600).ToString("D2", CultureInfo.InvariantCulture));
        if (a % 3600 != 0)
        {
            sb.Append(':').Append((a / 60 % 60).ToString("D2", CultureInfo.InvariantCulture));
            if (a % 60 != 0)
                sb.Append(':').Append((a % 60).ToString("D2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A timestamp in micros since 2000-01-01 (already shifted to local time), with an optional offset.</summary>
    public static string Timestamp(long micros, int? offsetSeconds)
    {
        if (micros == long.MaxValue)
            return "infinity";
        if (micros == long.MinValue)
            return "-infinity";
        long days = PgCalendar.FloorDiv(micros, PgCalendar.MicrosPerDay);
        long time = micros - (days * PgCalendar.MicrosPerDay);
        var sb = new StringBuilder(32);
        AppendDate(sb, (int)days, out bool bc);
        sb.Append(' ');
        AppendTime(sb, time);
        if (offsetSeconds is { } o)
            AppendOffset(sb, o);
        if (bc)
            sb.Append(" BC");
        return sb.ToString();
    }
}

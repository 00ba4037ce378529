using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// interval: months, days and microseconds, kept apart as PostgreSQL keeps them. Input takes the unit
/// form (<c>1 year 2 mons 3 days 04:05:06</c>, abbreviations, fractions, <c>ago</c>, <c>@</c>), ISO 8601
/// (<c>P1Y2M3DT4H5M6S</c>), SQL-standard <c>1-2</c> and <c>3 04:05:06</c>, and a bare number of seconds.
/// The canonical value is the postgres-style output (datetime.c, EncodeInterval); binary is
/// int64 microseconds, int32 days, int32 months (timestamp.c, interval_send).
/// </summary>
internal sealed partial class IntervalCodec() : PgCodec(PgTypeCatalog.Interval)
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;

    [GeneratedRegex(@"^([+-]?\d+):(\d+)(?::(\d+(?:\.\d*)?))?$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^([+-]?\d+)-(\d+)$")]
    private static partial Regex YearMonth();

    [GeneratedRegex(@"^P(?:(-?\d+(?:\.\d+)?)Y)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)W)?(?:(-?\d+(?:\.\d+)?)D)?(?:T(?:(-?\d+(?:\.\d+)?)H)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Iso8601();

    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = DecodeUtf8(utf8);
        if (!TryParse(text.Trim(), out var months, out var days, out var micros))
            throw new PgErrorException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type interval: \"{text}\"");
        return Format(months, days, micros);
    }

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var text = (string)value;
        if (settings.IntervalStyle != "iso_8601")
        {
            WriteAscii(output, text);
            return;
        }
        TryParse(text, out var months, out var days, out var micros);
        WriteAscii(output, FormatIso(months, days, micros));
    }

    /// <summary>IntervalStyle iso_8601 (datetime.c, EncodeInterval): P[nY][nM][nD][T[nH][nM][nS]], PT0S for zero.</summary>
    private static string FormatIso(int months, int days, long micros)
    {
        if (months == 0 && days == 0 && micros == 0)
            return "PT0S";
        var sb = new StringBuilder("P");
        void Part(long n, char unit)
        {
            if (n != 0)
                sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
        Part(months / 12, 'Y');
        Part(months % 12, 'M');
        Part(days, 'D');
        if (micros != 0)
        {
            sb.Append('T');
            Part(micros / 3_600_000_000L, 'H');
            Part(micros / 60_000_000L % 60, 'M');
            var seconds = micros % 60_000_000L;
            if (seconds != 0)
            {
                var abs = Math.Abs(seconds);
                sb.Append(seconds < 0 ? "-" : "").Append((abs / 1_000_000).ToString(CultureInfo.InvariantCulture));
                if (abs % 1_000_000 != 0)
                    sb.Append('.').Append((abs % 1_000_000).ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
                sb.Append('S');
            }
        }
        return sb.ToString();
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CheckBinaryLength(data, 16);
        return Format(BinaryPrimitives.ReadInt32BigEndian(data[12..]), BinaryPrimitives.ReadInt32BigEndian(data[8..]),
            BinaryPrimitives.ReadInt64BigEndian(data));
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        TryParse((string)value, out var months, out var days, out var micros);
        var span = output.GetSpan(16);
        BinaryPrimitives.WriteInt64BigEndian(span, micros);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], days);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], months);
        output.Advance(16);
    }

    public override object Coerce(object value, int modifier) => value switch
    {
        TimeSpan ts => Format(0, ts.Days, (ts.Ticks - ts.Days * TimeSpan.TicksPerDay) / 10),
        _ => base.Coerce(value, modifier),
    };

    /// <summary>The postgres IntervalStyle output.</summary>
    public static string Format(int months, int days, long micros)
    {
        var sb = new StringBuilder();
        var isZero = true;
        var isBefore = false;
        Part(sb, months / 12, "year", ref isZero, ref isBefore);
        Part(sb, months % 12, "mon", ref isZero, ref isBefore);
        Part(sb, days, "day", ref isZero, ref isBefore);
        if (isZero || micros != 0)
        {
            var minus = micros < 0;
            var abs = (ulong)Math.Abs(micros);
            var hours = abs / 3_600_000_000UL;
            var minutes = abs / 60_000_000UL % 60;
            var seconds = abs / 1_000_000UL % 60;
            var fraction = abs % 1_000_000UL;
            sb.Append(isZero ? "" : " ").Append(minus ? "-" : isBefore ? "+" : "")
                .Append(hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
                .Append(minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':')
                .Append(seconds.ToString("00", CultureInfo.InvariantCulture));
            if (fraction != 0)
                sb.Append('.').Append(fraction.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
        return sb.ToString();
    }

    private static void Part(StringBuilder sb, int value, string unit, ref bool isZero, ref bool isBefore)
    {
        if (value == 0)
            return;
        sb.Append(isZero ? "" : " ").Append(isBefore && value > 0 ? "+" : "")
            .Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit).Append(value != 1 ? "s" : "");
        isBefore = value < 0;
        isZero = false;
    }

    private static bool TryParse(string text, out int months, out int days, out long micros)
    {
        months = days = 0;
        micros = 0;
        if (text.Length == 0)
            return false;
        if (text.StartsWith('P') || text.StartsWith('p'))
            return TryIso(text, out months, out days, out micros);
        var words = text.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var ago = false;
        if (words[0] == "@")
            words.RemoveAt(0);
        if (words.Count > 0 && string.Equals(words[^1], "ago", StringComparison.OrdinalIgnoreCase))
        {
            ago = true;
            words.RemoveAt(words.Count - 1);
        }
        if (words.Count == 0)
            return false;
        double m = 0, d = 0, us = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            Match match;
            if ((match = Clock().Match(word)).Success)
            {
                var negative = word.StartsWith('-');
                var h = Math.Abs(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                var min = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                var s = match.Groups[3].Success ? double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
                var value = ((h * 60 + min) * 60 + s) * MicrosPerSecond;
                us += negative ? -value : value;
                continue;
            }
            if ((match = YearMonth().Match(word)).Success && i == 0)
            {
                var y = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                var mo = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                m += y * 12 + (y < 0 ? -mo : mo);
                continue;
            }
            if (!double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return false;
            // A number without a unit: days when a clock follows (SQL "3 04:05:06"), else seconds.
            if (i + 1 >= words.Count || Clock().IsMatch(words[i + 1]))
            {
                if (i + 1 < words.Count)
                    d += number;
                else
                    us += number * MicrosPerSecond;
                continue;
            }
            var unit = words[++i].ToLowerInvariant();
            switch (unit)
            {
                case "millennium" or "millennia" or "millenniums" or "mil" or "mils": m += number * 12000; break;
                case "century" or "centuries" or "c" or "cent": m += number * 1200; break;
                case "decade" or "decades" or "dec" or "decs": m += number * 120; break;
                case "year" or "years" or "y" or "yr" or "yrs": m += number * 12; break;
                case "month" or "months" or "mon" or "mons": m += number; break;
                case "week" or "weeks" or "w": d += number * 7; break;
                case "day" or "days" or "d": d += number; break;
                case "hour" or "hours" or "h" or "hr" or "hrs": us += number * 3600 * MicrosPerSecond; break;
                case "minute" or "minutes" or "m" or "min" or "mins": us += number * 60 * MicrosPerSecond; break;
                case "second" or "seconds" or "s" or "sec" or "secs": us += number * MicrosPerSecond; break;
                case "millisecond" or "milliseconds" or "ms" or "msec" or "msecs": us += number * 1000; break;
                case "microsecond" or "microseconds" or "us" or "usec" or "usecs": us += number; break;
                default: return false;
            }
        }
        Cascade(m, d, us, out months, out days, out micros);
        if (ago)
        {
            months = -months;
            days = -days;
            micros = -micros;
        }
        return true;
    }

    private static bool TryIso(string text, out int months, out int days, out long micros)
    {
        months = days = 0;
        micros = 0;
        var match = Iso8601().Match(text);
        if (!match.Success || text.Length == 1)
            return false;
        double Value(int group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        Cascade(Value(1) * 12 + Value(2), Value(3) * 7 + Value(4),
            (Value(5) * 3600 + Value(6) * 60 + Value(7)) * MicrosPerSecond, out months, out days, out micros);
        return true;
    }

    /// <summary>Fractions spill down as PostgreSQL spills them: a month is 30 days, a day 24 hours.</summary>
    private static void Cascade(double m, double d, double us, out int months, out int days, out long micros)
    {
        months = (int)Math.Truncate(m);
        d += (m - months) * 30;
        days = (int)Math.Truncate(d);
        us += (d - days) * MicrosPerDay;
        micros = (long)Math.Round(us, MidpointRounding.AwayFromZero);
    }
}

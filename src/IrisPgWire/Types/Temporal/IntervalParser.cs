using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Temporal;

/// <summary>
/// Interval input (manual, "Interval Input"; datetime.c DecodeInterval and DecodeISO8601Interval):
/// <c>[@] quantity unit [quantity unit...] [ago]</c> with fractional quantities spilling into smaller
/// units, <c>[-]hh:mm[:ss[.f]]</c>, <c>y-m</c>, a bare number of seconds, and ISO 8601
/// <c>P1Y2M3DT4H5M6S</c> or <c>P0001-02-03T04:05:06</c>.
/// </summary>
internal static class IntervalParser
{
    private const long MicrosPerDay = 86_400_000_000L;

    public static IntervalValue Parse(string text)
    {
        string s = text.Trim().ToLowerInvariant();
        if (s.Length == 0)
            throw Syntax(text);
        try
        {
            if (s[0] == 'p')
                return ParseIso(s[1..], text);
            return ParsePostgres(s, text);
        }
        catch (OverflowException)
        {
            throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"interval field value out of range: \"{text}\"");
        }
    }

    private static PgErrorException Syntax(string text) =>
        new(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type interval: \"{text}\"");

    private ref struct Acc
    {
        public double Micros;
        public long WholeMonths;
        public long WholeDays;
        public long WholeMicros;

        public void Add(double value, string unit, string text)
        {
            double whole = Math.Truncate(value);
            double frac = value - whole;
            switch (unit)
            {
                case "millennium" or "millennia" or "millenniums" or "mil" or "mils":
                    AddYears(whole * 1000, frac * 1000);
                    break;
                case "century" or "centuries" or "cent" or "c":
                    AddYears(whole * 100, frac * 100);
                    break;
                case "decade" or "decades" or "dec" or "decs":
                    AddYears(whole * 10, frac * 10);
                    break;
                case "year" or "years" or "y" or "yr" or "yrs":
                    AddYears(whole, frac);
                    break;
                case "month" or "months" or "mon" or "mons":
                    WholeMonths += (long)whole;
                    AddDays(frac * 30);
                    break;
                case "week" or "weeks" or "w":
                    AddDays(value * 7);
                    break;
                case "day" or "days" or "d":
                    AddDays(value);
                    break;
                case "hour" or "hours" or "h" or "hr" or "hrs":
                    Micros += value * 3_600_000_000d;
                    break;
                case "minute" or "minutes" or "m" or "min" or "mins":
                    Micros += value * 60_000_000d;
                    break;
                case "second" or "seconds" or "s" or "sec" or "secs":
                    Micros += value * 1_000_000d;
                    break;
                case "millisecond" or "milliseconds" or "ms" or "msec" or "msecs" or "millisecon":
                    Micros += value * 1_000d;
                    break;
                case "microsecond" or "microseconds" or "us" or "usec" or "usecs":
                    Micros += value;
                    break;
                default:
                    throw Syntax(text);
            }
        }

        private void AddYears(double whole, double frac)
        {
            WholeMonths += (long)(whole * 12);
            WholeMonths += (long)Math.Round(frac * 12, MidpointRounding.AwayFromZero);
        }

        private void AddDays(double days)
        {
            double whole = Math.Truncate(days);
            WholeDays += (long)whole;
            Micros += (days - whole) * MicrosPerDay;
        }

        public readonly IntervalValue Result(bool negate)
        {
            long micros = checked(WholeMicros + (long)Math.Round(Micros, MidpointRounding.ToEven));
            long months = WholeMonths, days = WholeDays;
            if (negate)
            {
                months = -months;
                days = -days;
                micros = -micros;
            }
            return new(checked((int)months), checked((int)days), micros);
        }
    }

    private static IntervalValue ParsePostgres(string s, string text)
    {
        var acc = default(Acc);
        bool ago = false;
        int i = 0;
        double? pending = null;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c) || c == '@' || c == ',')
            {
                i++;
                continue;
            }
            if (char.IsAsciiLetter(c))
            {
                int start = i;
                while (i < s.Length && char.IsAsciiLetter(s[i]))
                    i++;
                string word = s[start..i];
                if (word == "ago")
                {
                    if (pending is not null || i < s.Length && s[i..].Trim().Length > 0)
                        throw Syntax(text);
                    ago = true;
                    continue;
                }
                if (pending is null)
                    throw Syntax(text);
                acc.Add(pending.Value, word, text);
                pending = null;
                continue;
            }
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (pending is not null)
                {
                    acc.Add(pending.Value, "second", text);
                    pending = null;
                }
                int start = i;
                if (c is '+' or '-')
                    i++;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '.' or ':' or '-'))
                {
                    if (s[i] == '-' && i > start && !char.IsAsciiDigit(s[i - 1]))
                        break;
                    i++;
                }
                string token = s[start..i];
                string body = token.TrimStart('+', '-');
                bool neg = token.StartsWith('-');
                if (body.Contains(':', StringComparison.Ordinal))
                {
                    acc.WholeMicros += ParseClock(body, neg, text);
                }
                else if (body.Contains('-', StringComparison.Ordinal))
                {
                    var ym = body.Split('-');
                    if (ym.Length != 2)
                        throw Syntax(text);
                    long months = (Num(ym[0], text) * 12) + Num(ym[1], text);
                    acc.WholeMonths += neg ? -months : months;
                }
                else
                {
                    if (!double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                            CultureInfo.InvariantCulture, out double v))
                        throw Syntax(text);
                    pending = v;
                }
                continue;
            }
            throw Syntax(text);
        }
        if (pending is not null)
            acc.Add(pending.Value, "second", text);
        return acc.Result(ago);
    }

    private static long Num(string digits, string text) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : throw Syntax(text);

    private static long ParseClock(string body, bool neg, string text)
    {
        var parts = body.Split(':');
        if (parts.Length is < 2 or > 3)
            throw Syntax(text);
        long h = Num(parts[0], text);
        long m;
        double sec = 0;
        if (parts.Length == 2 && parts[1].Contains('.', StringComparison.Ordinal))
        {
            // mm:ss.fff when the second field has a fraction (datetime.c DecodeTime).
            m = h;
            h = 0;
            sec = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        else
        {
            m = Num(parts[1], text);
            if (parts.Length == 3)
            {
                if (!double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out sec))
                    throw Syntax(text);
            }
        }
        if (m > 59 || sec >= 60)
            throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"interval field value out of range: \"{text}\"");
        long micros = checked((((h * 60) + m) * 60_000_000L) + (long)Math.Round(sec * 1_000_000, MidpointRounding.ToEven));
        return neg ? -micros : micros;
    }

    private static IntervalValue ParseIso(string s, string text)
    {
        var acc = default(Acc);
        if (s.Length == 0)
            throw Syntax(text);
        // Alternative format: P0001-02-03T04:05:06.
        if (s.Length >= 4 && char.IsAsciiDigit(s[0]) && s.IndexOf('-', StringComparison.Ordinal) == 4)
        {
            int t = s.IndexOf('t', StringComparison.Ordinal);
            string date = t < 0 ? s : s[..t];
            var d = date.Split('-');
            if (d.Length != 3)
                throw Syntax(text);
            acc.WholeMonths = (Num(d[0], text) * 12) + Num(d[1], text);
            acc.WholeDays = Num(d[2], text);
            if (t >= 0)
                acc.WholeMicros = ParseClock(s[(t + 1)..], false, text);
            return acc.Result(false);
        }
        bool inTime = false;
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] == 't')
            {
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            if (s[i] is '-' or '+')
                i++;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                i++;
            if (i == start || i >= s.Length)
                throw Syntax(text);
            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out double v))
                throw Syntax(text);
            char unit = s[i++];
            string name = (unit, inTime) switch
            {
                ('y', false) => "year",
                ('m', false) => "month",
                ('w', false) => "week",
                ('d', false) => "day",
                ('h', true) => "hour",
                ('m', true) => "minute",
                ('s', true) => "second",
                _ => throw Syntax(text),
            };
            acc.Add(v, name, text);
        }
        return acc.Result(false);
    }
}

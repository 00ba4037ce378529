using System.Globalization;
using System.Text;

namespace IrisPgWire.Types.Temporal;

/// <summary>
/// An interval as PostgreSQL stores it: months, days and microseconds kept apart
/// (src/include/datatype/timestamp.h), printed in IntervalStyle postgres (datetime.c EncodeInterval).
/// </summary>
internal readonly record struct IntervalValue(int Months, int Days, long Micros)
{
    public string Format()
    {
        var sb = new StringBuilder(32);
        bool isZero = true, isBefore = false;
        int years = Months / 12, mons = Months % 12;
        AddPart(sb, years, "year", ref isZero, ref isBefore);
        AddPart(sb, mons, "mon", ref isZero, ref isBefore);
        AddPart(sb, Days, "day", ref isZero, ref isBefore);
        if (isZero || Micros != 0)
        {
            bool minus = Micros < 0;
            ulong abs = minus ? (ulong)-Micros : (ulong)Micros;
            ulong secs = abs / 1_000_000, frac = abs % 1_000_000;
            if (!isZero)
                sb.Append(' ');
            sb.Append(minus ? "-" : isBefore ? "+" : "");
            sb.Append((secs / 3600).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                .Append((secs / 60 % 60).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                .Append((secs % 60).ToString("D2", CultureInfo.InvariantCulture));
            TemporalFormat.AppendFraction(sb, (long)frac);
        }
        return sb.ToString();
    }

    private static void AddPart(StringBuilder sb, int value, string unit, ref bool isZero, ref bool isBefore)
    {
        if (value == 0)
            return;
        if (!isZero)
            sb.Append(' ');
        if (isBefore && value > 0)
            sb.Append('+');
        sb.Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
        if (value != 1)
            sb.Append('s');
        isZero = false;
        isBefore = value < 0;
    }

    /// <summary>AdjustIntervalForTypmod: drop the fields below the declared range, round the fraction.</summary>
    public IntervalValue ApplyModifier(int modifier)
    {
        if (modifier < 0)
            return this;
        int range = (modifier >> 16) & 0x7FFF;
        int precision = modifier & 0xFFFF;
        const long Hour = 3_600_000_000L, Minute = 60_000_000L;
        var v = this;
        switch (range)
        {
            case TypeNameParser.IntervalYear:
                v = new(v.Months / 12 * 12, 0, 0);
                break;
            case TypeNameParser.IntervalMonth or (TypeNameParser.IntervalYear | TypeNameParser.IntervalMonth):
                v = new(v.Months, 0, 0);
                break;
            case TypeNameParser.IntervalDay:
                v = new(v.Months, v.Days, 0);
                break;
            case TypeNameParser.IntervalHour or (TypeNameParser.IntervalDay | TypeNameParser.IntervalHour):
                v = new(v.Months, v.Days, v.Micros / Hour * Hour);
                break;
            case TypeNameParser.IntervalMinute or (TypeNameParser.IntervalHour | TypeNameParser.IntervalMinute)
                or (TypeNameParser.IntervalDay | TypeNameParser.IntervalHour | TypeNameParser.IntervalMinute):
                v = new(v.Months, v.Days, v.Micros / Minute * Minute);
                break;
        }
        if (precision != TypeNameParser.IntervalFullPrecision)
            v = v with { Micros = TemporalInput.RoundToPrecision(v.Micros, precision) };
        return v;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Types.Temporal;

/// <summary>
/// timestamp and timestamptz (src/backend/utils/adt/timestamp.c): int64 microseconds since
/// 2000-01-01 in binary (UTC for timestamptz), int64 min/max as -infinity/infinity. timestamp ignores
/// a zone in its input; timestamptz converts to UTC with the zone given or the session's TimeZone and
/// prints in the session's TimeZone. The type modifier rounds the fraction (AdjustTimestampForTypmod).
/// </summary>
internal sealed class TimestampCodec : IPgCodec
{
    public static readonly TimestampCodec WithoutZone = new(false);
    public static readonly TimestampCodec WithZone = new(true);

    private readonly bool _tz;
    private readonly string _typeName;

    private TimestampCodec(bool tz)
    {
        _tz = tz;
        _typeName = tz ? "timestamp with time zone" : "timestamp";
    }

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) =>
        Canonical(ParseMicros(Utf8Input.Decode(utf8), modifier, settings));

    /// <summary>Microseconds since 2000-01-01 (UTC for timestamptz).</summary>
    public long ParseMicros(string text, int modifier, PgFormatSettings settings)
    {
        var f = DateTimeParser.Parse(text, _typeName, TemporalInput.OrderOf(settings));
        long local = TemporalInput.LocalTimestamp(f, text, _typeName, settings, out bool infinite);
        if (infinite)
            return local;
        long result = local;
        if (_tz)
        {
            int offset = f.ZoneOffset ?? PgCalendar.OffsetAtLocal(f.Zone ?? settings.TimeZone, local);
            result = local - (offset * PgCalendar.MicrosPerSecond);
        }
        result = TemporalInput.RoundToPrecision(result, modifier);
        if (result < MinMicros || result >= EndMicros)
            throw TemporalInput.OutOfRange(text);
        return result;
    }

    private static readonly long MinMicros = -(long)PgCalendar.PostgresEpochJulian * PgCalendar.MicrosPerDay;
    private static readonly long EndMicros =
        (long)(PgCalendar.TimestampEndJulian - PgCalendar.PostgresEpochJulian) * PgCalendar.MicrosPerDay;

    private string Canonical(long micros) => TemporalFormat.Timestamp(micros, _tz ? 0 : null);

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CodecErrors.RequireLength(data, 8);
        long v = BinaryPrimitives.ReadInt64BigEndian(data);
        if (v is not long.MaxValue and not long.MinValue)
        {
            v = TemporalInput.RoundToPrecision(v, modifier);
            if (v < MinMicros || v >= EndMicros)
                throw new Errors.PgErrorException(Errors.SqlState.DatetimeFieldOverflow, "timestamp out of range");
        }
        return Canonical(v);
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        string s = (string)value;
        if (!_tz || settings.TimeZone == TimeZoneInfo.Utc || s.EndsWith("infinity", StringComparison.Ordinal))
        {
            Utf8Input.WriteString(output, s);
            return;
        }
        long utc = ParseMicros(s, -1, PgFormatSettings.Default);
        int offset = PgCalendar.OffsetAtUtc(settings.TimeZone, utc);
        Utf8Input.WriteString(output, TemporalFormat.Timestamp(utc + (offset * PgCalendar.MicrosPerSecond), offset));
    }

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), ParseMicros((string)value, -1, PgFormatSettings.Default));
        output.Advance(8);
    }

    private static readonly long PgEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public object Coerce(object value, int modifier)
    {
        switch (value)
        {
            case string s:
                return ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default);
            case DateTime dt:
            {
                // A DateTime of kind Local is converted to UTC for timestamptz; timestamp keeps the wall clock.
                var d = _tz && dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt;
                return Canonical(TemporalInput.RoundToPrecision((d.Ticks - PgEpochTicks) / 10, modifier));
            }
            case DateTimeOffset dto:
            {
                long ticks = _tz ? dto.UtcTicks : dto.Ticks;
                return Canonical(TemporalInput.RoundToPrecision((ticks - PgEpochTicks) / 10, modifier));
            }
            case DateOnly date:
                return Canonical(PgCalendar.ToPgDate(date.Year, date.Month, date.Day) * PgCalendar.MicrosPerDay);
            default:
                return CodecErrors.CannotCoerceTo(value, _typeName);
        }
    }
}

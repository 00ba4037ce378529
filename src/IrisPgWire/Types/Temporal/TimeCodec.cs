using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Types.Temporal;

/// <summary>
/// time and timetz (src/backend/utils/adt/date.c): int64 microseconds since midnight (up to 24:00:00),
/// plus for timetz an int32 zone in seconds WEST of UTC. A date in the input is read and ignored; timetz
/// without a zone takes the session TimeZone's current offset.
/// </summary>
internal sealed class TimeCodec : IPgCodec
{
    public static readonly TimeCodec WithoutZone = new(false);
    public static readonly TimeCodec WithZone = new(true);

    private readonly bool _tz;
    private readonly string _typeName;

    private TimeCodec(bool tz)
    {
        _tz = tz;
        _typeName = tz ? "time with time zone" : "time";
    }

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var (micros, offset) = ParseParts(Utf8Input.Decode(utf8), modifier, settings);
        return Canonical(micros, offset);
    }

    private (long Micros, int Offset) ParseParts(string text, int modifier, PgFormatSettings settings)
    {
        var f = DateTimeParser.Parse(text, _typeName, TemporalInput.OrderOf(settings));
        long micros;
        if (f.Special == SpecialValue.Now)
        {
            long now = PgCalendar.NowMicros();
            now += PgCalendar.OffsetAtUtc(settings.TimeZone, now) * PgCalendar.MicrosPerSecond;
            micros = now - (PgCalendar.FloorDiv(now, PgCalendar.MicrosPerDay) * PgCalendar.MicrosPerDay);
        }
        else if (f.Special != SpecialValue.None || !f.HasTime)
        {
            throw new PgErrorException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {_typeName}: \"{text}\"");
        }
        else
        {
            micros = f.TimeMicros;
        }
        micros = TemporalInput.RoundToPrecision(micros, modifier);
        if (micros > PgCalendar.MicrosPerDay)
            throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{text}\"");
        int offset = 0;
        if (_tz)
        {
            if (f.ZoneOffset is { } o)
            {
                offset = o;
            }
            else
            {
                var zone = f.Zone ?? settings.TimeZone;
                long at = f.HasDate
                    ? (PgCalendar.ToPgDate(f.Year, f.Month, f.Day) * PgCalendar.MicrosPerDay) + micros
                    : PgCalendar.NowMicros();
                offset = f.HasDate ? PgCalendar.OffsetAtLocal(zone, at) : PgCalendar.OffsetAtUtc(zone, at);
            }
        }
        return (micros, offset);
    }

    private string Canonical(long micros, int offset)
    {
        var sb = new StringBuilder(24);
        TemporalFormat.AppendTime(sb, micros);
        if (_tz)
            TemporalFormat.AppendOffset(sb, offset);
        return sb.ToString();
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CodecErrors.RequireLength(data, _tz ? 12 : 8);
        long micros = BinaryPrimitives.ReadInt64BigEndian(data);
        if (micros < 0 || micros > PgCalendar.MicrosPerDay)
            throw new PgErrorException(SqlState.InvalidBinaryRepresentation, "time out of range");
        micros = TemporalInput.RoundToPrecision(micros, modifier);
        int west = _tz ? BinaryPrimitives.ReadInt32BigEndian(data[8..]) : 0;
        return Canonical(micros, -west);
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var (micros, offset) = ParseParts((string)value, -1, PgFormatSettings.Default);
        var span = output.GetSpan(12);
        BinaryPrimitives.WriteInt64BigEndian(span, micros);
        if (_tz)
            BinaryPrimitives.WriteInt32BigEndian(span[8..], -offset);
        output.Advance(_tz ? 12 : 8);
    }

    public object Coerce(object value, int modifier) => value switch
    {
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        TimeSpan ts => Canonical(TemporalInput.RoundToPrecision(ts.Ticks / 10, modifier), 0),
        TimeOnly t => Canonical(TemporalInput.RoundToPrecision(t.Ticks / 10, modifier), 0),
        DateTimeOffset dto => Canonical(TemporalInput.RoundToPrecision(dto.TimeOfDay.Ticks / 10, modifier),
            (int)dto.Offset.TotalSeconds),
        _ => CodecErrors.CannotCoerceTo(value, _typeName),
    };
}

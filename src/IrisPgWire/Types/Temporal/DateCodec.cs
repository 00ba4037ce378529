using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Types.Temporal;

/// <summary>
/// date (src/backend/utils/adt/date.c): int32 days since 2000-01-01 in binary, with int32 min/max as
/// -infinity/infinity; range 4714-11-24 BC to 5874897-12-31.
/// </summary>
internal sealed class DateCodec : IPgCodec
{
    public static readonly DateCodec Instance = new();

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) =>
        TemporalFormat.Date(ParseDays(Utf8Input.Decode(utf8), settings));

    public static int ParseDays(string text, PgFormatSettings settings)
    {
        var f = DateTimeParser.Parse(text, "date", TemporalInput.OrderOf(settings));
        switch (f.Special)
        {
            case SpecialValue.Infinity: return int.MaxValue;
            case SpecialValue.NegativeInfinity: return int.MinValue;
            case SpecialValue.Epoch: return PgCalendar.UnixEpochJulian - PgCalendar.PostgresEpochJulian;
            case SpecialValue.Today or SpecialValue.Now: return TemporalInput.Today(settings);
            case SpecialValue.Tomorrow: return TemporalInput.Today(settings) + 1;
            case SpecialValue.Yesterday: return TemporalInput.Today(settings) - 1;
        }
        if (!f.HasDate)
            throw new PgErrorException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type date: \"{text}\"");
        int julian = PgCalendar.ToJulian(f.Year, f.Month, f.Day);
        if (julian < 0 || julian >= PgCalendar.DateEndJulian)
            throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"date out of range: \"{text}\"");
        return julian - PgCalendar.PostgresEpochJulian;
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CodecErrors.RequireLength(data, 4);
        return TemporalFormat.Date(BinaryPrimitives.ReadInt32BigEndian(data));
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), ParseDays((string)value, PgFormatSettings.Default));
        output.Advance(4);
    }

    public object Coerce(object value, int modifier) => value switch
    {
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        DateOnly d => TemporalFormat.Date(PgCalendar.ToPgDate(d.Year, d.Month, d.Day)),
        DateTime dt => TemporalFormat.Date(PgCalendar.ToPgDate(dt.Year, dt.Month, dt.Day)),
        DateTimeOffset dto => TemporalFormat.Date(PgCalendar.ToPgDate(dto.Year, dto.Month, dto.Day)),
        _ => CodecErrors.CannotCoerceTo(value, "date"),
    };
}

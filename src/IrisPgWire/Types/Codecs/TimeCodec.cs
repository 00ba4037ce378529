using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace IrisPgWire.Types.Codecs;

/// <summary>time without time zone: canonical <c>HH:MM:SS[.ffffff]</c>; binary is microseconds since midnight.</summary>
internal sealed class TimeCodec() : PgCodec(PgTypeCatalog.Time)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var parsed = DateTimeText.Parse(DecodeUtf8(utf8), "time without time zone", settings, wantDate: false, wantTime: true);
        return DateTimeText.FormatTime(DateTimeText.Round(parsed.TimeTicks ?? 0, modifier is >= 0 and <= 6 ? modifier : 6));
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length != 8)
            throw InsufficientData();
        return DateTimeText.FormatTime(BinaryPrimitives.ReadInt64BigEndian(data) * 10);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var text = (string)value;
        var ticks = text == "24:00:00"
            ? TimeSpan.TicksPerDay
            : TimeSpan.ParseExact(text, [@"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF"], CultureInfo.InvariantCulture).Ticks;
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), ticks / 10);
        output.Advance(8);
    }

    public override object Coerce(object value, int modifier) => value switch
    {
        TimeOnly t => DateTimeText.FormatTime(t.Ticks),
        TimeSpan ts => DateTimeText.FormatTime(ts.Ticks),
        _ => base.Coerce(value, modifier),
    };
}

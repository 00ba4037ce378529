using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Types.Temporal;

/// <summary>interval: text in IntervalStyle postgres; binary int64 microseconds, int32 days, int32 months.</summary>
internal sealed class IntervalCodec : IPgCodec
{
    public static readonly IntervalCodec Instance = new();

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) =>
        IntervalParser.Parse(Utf8Input.Decode(utf8)).ApplyModifier(modifier).Format();

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CodecErrors.RequireLength(data, 16);
        var v = new IntervalValue(BinaryPrimitives.ReadInt32BigEndian(data[12..]),
            BinaryPrimitives.ReadInt32BigEndian(data[8..]), BinaryPrimitives.ReadInt64BigEndian(data));
        return v.ApplyModifier(modifier).Format();
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var v = IntervalParser.Parse((string)value);
        var span = output.GetSpan(16);
        BinaryPrimitives.WriteInt64BigEndian(span, v.Micros);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], v.Days);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], v.Months);
        output.Advance(16);
    }

    public object Coerce(object value, int modifier) => value switch
    {
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        TimeSpan ts => new IntervalValue(0, 0, ts.Ticks / 10).ApplyModifier(modifier).Format(),
        _ => CodecErrors.CannotCoerceTo(value, "interval"),
    };
}

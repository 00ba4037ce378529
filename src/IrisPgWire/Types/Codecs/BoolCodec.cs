using System.Buffers;
using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>boolean: input per boolin (t/true/yes/on/1 and unique prefixes, any case), output t/f.</summary>
internal sealed class BoolCodec() : PgCodec(PgTypeCatalog.Bool)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = Encoding.UTF8.GetString(utf8).Trim().ToLowerInvariant();
        if (text.Length > 0)
        {
            if ("true".StartsWith(text, StringComparison.Ordinal) || "yes".StartsWith(text, StringComparison.Ordinal) ||
                text is "on" or "1")
                return true;
            if ("false".StartsWith(text, StringComparison.Ordinal) || "no".StartsWith(text, StringComparison.Ordinal) ||
                text is "off" or "of" or "0")
                return false;
        }
        throw InvalidSyntax(utf8);
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier) =>
        data.Length == 1 ? data[0] != 0 : throw InsufficientData();

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        output.GetSpan(1)[0] = (bool)value ? (byte)'t' : (byte)'f';
        output.Advance(1);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = (bool)value ? (byte)1 : (byte)0;
        output.Advance(1);
    }

    public override object Coerce(object value, int modifier) => value switch
    {
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        _ => base.Coerce(value, modifier),
    };
}

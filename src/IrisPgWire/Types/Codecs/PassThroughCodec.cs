using System.Buffers;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Types kept as the text the client gave (interval, arrays, network and bit types, xml ...): the text is
/// checked to be valid UTF-8 and stored unchanged, so output repeats the input. Their binary form is
/// refused rather than guessed.
/// </summary>
internal sealed class PassThroughCodec(PgType type) : PgCodec(type)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) => DecodeUtf8(utf8);

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier) =>
        Type.Category is 'S' or 'U' && !Type.IsArray
            ? DecodeUtf8(data)
            : throw new Errors.PgErrorException(Errors.SqlState.FeatureNotSupported,
                $"binary format is not supported for type {Type.SqlName}");

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        if (Type.Category is 'S' or 'U' && !Type.IsArray)
        {
            WriteUtf8(output, (string)value);
            return;
        }
        throw new Errors.PgErrorException(Errors.SqlState.FeatureNotSupported, $"binary format is not supported for type {Type.SqlName}");
    }
}

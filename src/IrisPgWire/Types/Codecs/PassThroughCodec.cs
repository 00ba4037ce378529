using System.Buffers;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Types whose text this server keeps as given (xml, inet, cidr, money, bit, regclass, regtype, regproc,
/// jsonpath, record, cstring, void, unknown): UTF-8 is validated and the text is the canonical value.
/// Binary is the same text for the types whose send form is their text (xml, unknown, cstring);
/// the others have no binary form here and raise 0A000.
/// </summary>
internal sealed class PassThroughCodec : IPgCodec
{
    private readonly string _typeName;
    private readonly bool _binaryIsText;

    public PassThroughCodec(string typeName, bool binaryIsText)
    {
        _typeName = typeName;
        _binaryIsText = binaryIsText;
    }

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) => Utf8Input.Decode(utf8);

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (!_binaryIsText)
            NotSupported();
        return Utf8Input.Decode(data);
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        if (!_binaryIsText)
            NotSupported();
        Utf8Input.WriteString(output, (string)value);
    }

    private void NotSupported() =>
        throw new PgErrorException(SqlState.FeatureNotSupported,
            $"binary format for type {_typeName} is not supported");

    public object Coerce(object value, int modifier) =>
        value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
        ?? string.Empty;
}

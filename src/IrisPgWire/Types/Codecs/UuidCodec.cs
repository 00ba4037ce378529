using System.Buffers;
using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>uuid: input with or without hyphens or braces, any case; output lower-case 8-4-4-4-12 (uuid.c).</summary>
internal sealed class UuidCodec() : PgCodec(PgTypeCatalog.Uuid)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var body = text.StartsWith('{') && text.EndsWith('}') ? text[1..^1] : text;
        var hex = new StringBuilder(32);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (char.IsAsciiHexDigit(c))
            {
                hex.Append(char.ToLowerInvariant(c));
                continue;
            }
            // A hyphen may follow any group of four hex digits, never two in a row (uuid.c string_to_uuid).
            if (c == '-' && hex.Length % 4 == 0 && hex.Length > 0 && hex.Length < 32 && i + 1 < body.Length && body[i + 1] != '-')
                continue;
            throw InvalidSyntax(text);
        }
        if (hex.Length != 32)
            throw InvalidSyntax(text);
        var h = hex.ToString();
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length != 16)
            throw InsufficientData();
        return ParseText(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(data)), modifier, PgFormatSettings.Default);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output) =>
        output.Write(Convert.FromHexString(((string)value).Replace("-", "", StringComparison.Ordinal)));

    public override object Coerce(object value, int modifier) => value is Guid g ? g.ToString("D") : base.Coerce(value, modifier);
}

using System.Buffers;
using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// uuid (src/backend/utils/adt/uuid.c string_to_uuid): 32 hex digits in any case, optionally in braces,
/// with an optional hyphen after any group of four digits; printed lower-case 8-4-4-4-12; binary 16 bytes.
/// </summary>
internal sealed class UuidCodec : IPgCodec
{
    public static readonly UuidCodec Instance = new();

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!TryParse(utf8, bytes))
            CodecErrors.InvalidSyntax("uuid", utf8);
        return Format(bytes);
    }

    private static bool TryParse(ReadOnlySpan<byte> s, Span<byte> bytes)
    {
        int i = 0;
        bool braces = s.Length > 0 && s[0] == '{';
        if (braces)
            i++;
        for (int k = 0; k < 16; k++)
        {
            if (i + 1 >= s.Length)
                return false;
            int hi = Hex(s[i]), lo = Hex(s[i + 1]);
            if (hi < 0 || lo < 0)
                return false;
            bytes[k] = (byte)((hi << 4) | lo);
            i += 2;
            if (k % 2 == 1 && k < 15 && i < s.Length && s[i] == '-')
                i++;
        }
        if (braces)
        {
            if (i >= s.Length || s[i] != '}')
                return false;
            i++;
        }
        return i == s.Length;
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static string Format(ReadOnlySpan<byte> b)
    {
        string hex = Convert.ToHexStringLower(b);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CodecErrors.RequireLength(data, 16);
        return Format(data);
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(16);
        TryParse(Encoding.ASCII.GetBytes((string)value), span);
        output.Advance(16);
    }

    public object Coerce(object value, int modifier) => value switch
    {
        Guid g => g.ToString("D"),
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        _ => CodecErrors.CannotCoerceTo(value, "uuid"),
    };
}

using System.Buffers;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// bytea (src/backend/utils/adt/varlena.c byteain/byteaout; manual "Binary Data Types"): input in hex
/// (<c>\x</c> then digit pairs, whitespace between pairs) or escape format (<c>\\</c> and <c>\ooo</c>);
/// output hex or escape by bytea_output. Binary is the raw bytes.
/// </summary>
internal sealed class ByteaCodec : IPgCodec
{
    public static readonly ByteaCodec Instance = new();

    public object ParseText(ReadOnlySpan<byte> s, int modifier, PgFormatSettings settings)
    {
        if (s.Length >= 2 && s[0] == '\\' && s[1] == 'x')
            return ParseHex(s[2..]);
        var result = new byte[s.Length];
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            byte b = s[i];
            if (b != '\\')
            {
                result[n++] = b;
                continue;
            }
            if (i + 1 < s.Length && s[i + 1] == '\\')
            {
                result[n++] = (byte)'\\';
                i++;
            }
            else if (i + 3 < s.Length && IsOctal(s[i + 1], '3') && IsOctal(s[i + 2], '7') && IsOctal(s[i + 3], '7'))
            {
                result[n++] = (byte)(((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
                i += 3;
            }
            else
            {
                throw new PgErrorException(SqlState.InvalidTextRepresentation, "invalid input syntax for type bytea");
            }
        }
        return result.AsSpan(0, n).ToArray();
    }

    private static bool IsOctal(byte b, char max) => b >= '0' && b <= max;

    private static byte[] ParseHex(ReadOnlySpan<byte> s)
    {
        var result = new byte[s.Length / 2];
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (Utf8Input.IsSpace(s[i]))
                continue;
            int hi = HexValue(s, i);
            if (i + 1 >= s.Length)
                throw new PgErrorException(SqlState.InvalidParameterValue, "invalid hexadecimal data: odd number of digits");
            int lo = HexValue(s, i + 1);
            result[n++] = (byte)((hi << 4) | lo);
            i++;
        }
        return result.AsSpan(0, n).ToArray();
    }

    private static int HexValue(ReadOnlySpan<byte> s, int i)
    {
        byte b = s[i];
        int v = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
        if (v < 0)
        {
            int len = b < 0x80 ? 1 : Math.Min(s.Length - i, b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2);
            throw new PgErrorException(SqlState.InvalidParameterValue,
                $"invalid hexadecimal digit: \"{Encoding.UTF8.GetString(s.Slice(i, len))}\"");
        }
        return v;
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier) => data.ToArray();

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var bytes = (byte[])value;
        if (settings.ByteaOutputHex)
        {
            var span = output.GetSpan(2 + (bytes.Length * 2));
            span[0] = (byte)'\\';
            span[1] = (byte)'x';
            for (int k = 0; k < bytes.Length; k++)
            {
                span[2 + (2 * k)] = HexDigits[bytes[k] >> 4];
                span[3 + (2 * k)] = HexDigits[bytes[k] & 0xF];
            }
            output.Advance(2 + (bytes.Length * 2));
            return;
        }
        var esc = output.GetSpan(bytes.Length * 4);
        int o = 0;
        foreach (byte b in bytes)
        {
            if (b == '\\')
            {
                esc[o++] = (byte)'\\';
                esc[o++] = (byte)'\\';
            }
            else if (b is < 0x20 or > 0x7E)
            {
                esc[o++] = (byte)'\\';
                esc[o++] = (byte)('0' + (b >> 6));
                esc[o++] = (byte)('0' + ((b >> 3) & 7));
                esc[o++] = (byte)('0' + (b & 7));
            }
            else
            {
                esc[o++] = b;
            }
        }
        output.Advance(o);
    }

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public void FormatBinary(object value, IBufferWriter<byte> output) => Utf8Input.WriteAscii(output, (byte[])value);

    public object Coerce(object value, int modifier) => value switch
    {
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.ToArray(),
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        _ => CodecErrors.CannotCoerceTo(value, "bytea"),
    };
}

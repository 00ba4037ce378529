using System.Buffers;
using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>bytea: hex (<c>\x0102</c>) and escape input; hex or escape output per bytea_output (manual, "Binary Data Types").</summary>
internal sealed class ByteaCodec() : PgCodec(PgTypeCatalog.Bytea)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        if (utf8.Length >= 2 && utf8[0] == '\\' && utf8[1] == 'x')
            return ParseHex(utf8[2..]);
        var result = new List<byte>(utf8.Length);
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b != '\\')
            {
                result.Add(b);
                continue;
            }
            if (i + 1 < utf8.Length && utf8[i + 1] == '\\')
            {
                result.Add((byte)'\\');
                i++;
            }
            else if (i + 3 < utf8.Length && IsOctal(utf8[i + 1], '3') && IsOctal(utf8[i + 2], '7') && IsOctal(utf8[i + 3], '7'))
            {
                result.Add((byte)(((utf8[i + 1] - '0') << 6) | ((utf8[i + 2] - '0') << 3) | (utf8[i + 3] - '0')));
                i += 3;
            }
            else
            {
                throw new PgErrorException(SqlState.InvalidTextRepresentation, "invalid input syntax for type bytea");
            }
        }
        return result.ToArray();
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier) => data.ToArray();

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var bytes = (byte[])value;
        if (settings.ByteaOutputHex)
        {
            var span = output.GetSpan(2 + bytes.Length * 2);
            span[0] = (byte)'\\';
            span[1] = (byte)'x';
            for (var i = 0; i < bytes.Length; i++)
            {
                span[2 + 2 * i] = Hex(bytes[i] >> 4);
                span[3 + 2 * i] = Hex(bytes[i] & 0xF);
            }
            output.Advance(2 + bytes.Length * 2);
            return;
        }
        // Escape format: printable ASCII as is, backslash doubled, everything else \ooo.
        var escaped = output.GetSpan(bytes.Length * 4);
        var n = 0;
        foreach (var b in bytes)
        {
            if (b == '\\')
            {
                escaped[n++] = (byte)'\\';
                escaped[n++] = (byte)'\\';
            }
            else if (b is < 0x20 or > 0x7e)
            {
                escaped[n++] = (byte)'\\';
                escaped[n++] = (byte)('0' + (b >> 6));
                escaped[n++] = (byte)('0' + ((b >> 3) & 7));
                escaped[n++] = (byte)('0' + (b & 7));
            }
            else
            {
                escaped[n++] = b;
            }
        }
        output.Advance(n);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output) => output.Write((byte[])value);

    public override object Coerce(object value, int modifier) => value is byte[] b ? b : base.Coerce(value, modifier);

    private static byte[] ParseHex(ReadOnlySpan<byte> hex)
    {
        var result = new List<byte>(hex.Length / 2);
        for (var i = 0; i < hex.Length; i++)
        {
            if (hex[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
                continue;
            var high = HexValue(hex[i]);
            if (i + 1 >= hex.Length)
                throw new PgErrorException(SqlState.InvalidParameterValue, "invalid hexadecimal data: odd number of digits");
            var low = HexValue(hex[++i]);
            result.Add((byte)((high << 4) | low));
        }
        return result.ToArray();
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => throw new PgErrorException(SqlState.InvalidParameterValue,
            string.Create(CultureInfo.InvariantCulture, $"invalid hexadecimal digit: \"{(char)b}\"")),
    };

    private static bool IsOctal(byte b, char max) => b >= '0' && b <= max;

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}

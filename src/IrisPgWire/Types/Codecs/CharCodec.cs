using System.Buffers;
using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// "char" (src/backend/utils/adt/char.c): one byte. Input keeps the first byte (or \ooo); output prints
/// bytes with the high bit set as \ooo, and the zero byte as the empty string.
/// </summary>
internal sealed class CharCodec : IPgCodec
{
    public static readonly CharCodec Instance = new();

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        if (utf8.Length == 4 && utf8[0] == '\\' && IsOctal(utf8[1]) && IsOctal(utf8[2]) && IsOctal(utf8[3]))
            return Format((byte)(((utf8[1] - '0') << 6) | ((utf8[2] - '0') << 3) | (utf8[3] - '0')));
        return Format(utf8.IsEmpty ? (byte)0 : utf8[0]);
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';

    private static string Format(byte b) => b switch
    {
        0 => "",
        >= 0x80 => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
        _ => ((char)b).ToString(),
    };

    private static byte ToByte(string s) => s.Length switch
    {
        0 => 0,
        4 when s[0] == '\\' => Convert.ToByte(s[1..], 8),
        _ => (byte)s[0],
    };

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier) => Format(data.IsEmpty ? (byte)0 : data[0]);

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        byte b = ToByte((string)value);
        if (b != 0)
            Utf8Input.WriteByte(output, b);
    }

    public object Coerce(object value, int modifier) => value switch
    {
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        char c => ParseText(Encoding.UTF8.GetBytes(c.ToString()), modifier, PgFormatSettings.Default),
        _ => CodecErrors.CannotCoerceTo(value, "\"char\""),
    };
}

using System.Buffers;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// boolean: accepts the spellings of boolin (src/backend/utils/adt/bool.c, parse_bool_with_len): any
/// unambiguous prefix of true/false/yes/no, on/off (at least two letters), 1/0, case-insensitive, with
/// surrounding whitespace. Prints t/f; binary is one byte.
/// </summary>
internal sealed class BoolCodec : IPgCodec
{
    public static readonly BoolCodec Instance = new();

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) =>
        TryParse(Utf8Input.Trim(utf8), out bool v) ? v : Fail(utf8);

    private static bool Fail(ReadOnlySpan<byte> utf8)
    {
        CodecErrors.InvalidSyntax("boolean", utf8);
        return false;
    }

    public static bool TryParse(ReadOnlySpan<byte> s, out bool value)
    {
        value = false;
        if (s.IsEmpty)
            return false;
        switch (s[0] | 0x20)
        {
            case 't': value = true; return IsPrefixOf(s, "true"u8);
            case 'f': return IsPrefixOf(s, "false"u8);
            case 'y': value = true; return IsPrefixOf(s, "yes"u8);
            case 'n': return IsPrefixOf(s, "no"u8);
            case 'o':
                if (s.Length < 2)
                    return false;
                if (IsPrefixOf(s, "on"u8))
                {
                    value = true;
                    return true;
                }
                return s.Length >= 2 && IsPrefixOf(s, "off"u8);
            case '1': value = true; return s.Length == 1;
            case '0': return s.Length == 1;
            default: return false;
        }
    }

    private static bool IsPrefixOf(ReadOnlySpan<byte> s, ReadOnlySpan<byte> word)
    {
        if (s.Length > word.Length)
            return false;
        for (int i = 0; i < s.Length; i++)
        {
            if ((s[i] | 0x20) != word[i])
                return false;
        }
        return true;
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CodecErrors.RequireLength(data, 1);
        return data[0] != 0;
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteByte(output, (bool)value ? (byte)'t' : (byte)'f');

    public void FormatBinary(object value, IBufferWriter<byte> output) =>
        Utf8Input.WriteByte(output, (bool)value ? (byte)1 : (byte)0);

    public object Coerce(object value, int modifier) => value switch
    {
        bool b => b,
        string s => ParseText(System.Text.Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        int i => i != 0,
        long l => l != 0,
        short sh => sh != 0,
        _ => Fail2(value),
    };

    private static bool Fail2(object value)
    {
        CodecErrors.CannotCoerce(value, "boolean");
        return false;
    }
}

using System.Buffers;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// text, character varying(n), character(n) and name. Lengths count characters, not bytes
/// (src/backend/utils/adt/varchar.c, bpchar_input/varchar_input): input longer than n is an error
/// (22001) unless every extra character is a space, in which case it is cut; character(n) pads with
/// spaces to n. name is cut to 63 bytes (NAMEDATALEN - 1) on a character boundary.
/// </summary>
internal sealed class TextCodec : IPgCodec
{
    public static readonly TextCodec Text = new(Kind.Text);
    public static readonly TextCodec Varchar = new(Kind.Varchar);
    public static readonly TextCodec Bpchar = new(Kind.Bpchar);
    public static readonly TextCodec Name = new(Kind.Name);

    private readonly Kind _kind;

    private TextCodec(Kind kind) => _kind = kind;

    private enum Kind
    {
        Text,
        Varchar,
        Bpchar,
        Name,
    }

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) =>
        Apply(Utf8Input.Decode(utf8), modifier);

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier) => Apply(Utf8Input.Decode(data), modifier);

    private string Apply(string s, int modifier)
    {
        switch (_kind)
        {
            case Kind.Varchar when modifier >= 4:
                return Fit(s, modifier - 4, "character varying", pad: false);
            case Kind.Bpchar when modifier >= 4:
                return Fit(s, modifier - 4, "character", pad: true);
            case Kind.Name:
                return TruncateName(s);
            default:
                return s;
        }
    }

    private static string Fit(string s, int max, string typeName, bool pad)
    {
        int chars = CountChars(s);
        if (chars > max)
        {
            int cut = CharIndex(s, max);
            for (int i = cut; i < s.Length; i++)
            {
                if (s[i] != ' ')
                    throw new PgErrorException(SqlState.StringDataRightTruncation,
                        $"value too long for type {typeName}({max})");
            }
            return s[..cut];
        }
        if (pad && chars < max)
            return s + new string(' ', max - chars);
        return s;
    }

    /// <summary>Number of characters (code points), as PostgreSQL's pg_mbstrlen counts them.</summary>
    private static int CountChars(string s)
    {
        int n = s.Length;
        foreach (char c in s)
        {
            if (char.IsLowSurrogate(c))
                n--;
        }
        return n;
    }

    private static int CharIndex(string s, int chars)
    {
        int i = 0;
        for (int k = 0; k < chars && i < s.Length; k++)
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
        return i;
    }

    private static string TruncateName(string s)
    {
        if (Encoding.UTF8.GetByteCount(s) <= 63)
            return s;
        int bytes = 0, i = 0;
        while (i < s.Length)
        {
            int step = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
            int len = Encoding.UTF8.GetByteCount(s.AsSpan(i, step));
            if (bytes + len > 63)
                break;
            bytes += len;
            i += step;
        }
        return s[..i];
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output) =>
        Utf8Input.WriteString(output, (string)value);

    public object Coerce(object value, int modifier) => value switch
    {
        string s => Apply(s, modifier),
        char c => Apply(c.ToString(), modifier),
        _ => CodecErrors.CannotCoerceTo(value, _kind.ToString().ToLowerInvariant()),
    };
}

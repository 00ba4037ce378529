using System.Buffers;
using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// text, varchar(n), char(n) and the other types kept as their text: varchar and char check their
/// length in characters, allowing excess trailing spaces to be cut as PostgreSQL does (varchar.c);
/// char(n) pads with spaces.
/// </summary>
internal sealed class TextCodec(PgType type) : PgCodec(type)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) =>
        Fit(DecodeUtf8(utf8), modifier);

    public override void FormatBinary(object value, IBufferWriter<byte> output) => WriteUtf8(output, (string)value);

    public override object Coerce(object value, int modifier) => value switch
    {
        string s => Fit(s, modifier),
        bool b => Fit(b ? "true" : "false", modifier),
        _ => Fit(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", modifier),
    };

    private string Fit(string value, int modifier)
    {
        if (Type == PgTypeCatalog.Name && value.Length > 63)
            return value[..63];
        if (Type == PgTypeCatalog.Char)
            return value.Length > 1 ? value[..1] : value;
        if (modifier < 4 || (Type != PgTypeCatalog.Varchar && Type != PgTypeCatalog.Bpchar))
            return value;
        var max = modifier - 4;
        var length = CharacterCount(value);
        if (length > max)
        {
            var cut = CharacterIndex(value, max);
            if (value.AsSpan(cut).TrimEnd(' ').Length != 0)
            {
                throw new PgErrorException(SqlState.StringDataRightTruncation,
                    string.Create(CultureInfo.InvariantCulture, $"value too long for type {Type.SqlName}({max})"));
            }
            value = value[..cut];
            length = max;
        }
        return Type == PgTypeCatalog.Bpchar && length < max ? value + new string(' ', max - length) : value;
    }

    /// <summary>Characters as PostgreSQL counts them: code points, so a surrogate pair is one.</summary>
    private static int CharacterCount(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsLowSurrogate(s[i]))
                count++;
        }
        return count;
    }

    private static int CharacterIndex(string s, int characters)
    {
        var i = 0;
        for (var seen = 0; i < s.Length && seen < characters; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length)
                i++;
            seen++;
        }
        return i;
    }
}

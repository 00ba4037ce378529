using System.Text.Unicode;
using IrisPgWire.Backends;
using IrisPgWire.Types;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Copy;

/// <summary>
/// COPY FROM's shortcut past the type codecs for the commonest inputs, used when the store takes
/// <see cref="BulkRowBatch"/> cells: a plain integer becomes an integer cell, and text whose canonical
/// value is the input itself (text, varchar within its length, an ISO date) is kept as its UTF-8 bytes.
/// Anything else, including every input that is invalid or merely unusual (signs, spaces, long numbers),
/// returns false and goes through the codec, which gives the value or PostgreSQL's error; so the
/// shortcut can never accept what the codec would refuse, nor store something different.
/// </summary>
internal static class CopyFastField
{
    public enum Kind : byte
    {
        None,
        Int2,
        Int4,
        Int8,
        Text,
        BoundedText,
        Date,
    }

    public static Kind For(PgTypeRef type)
    {
        var t = type.Type;
        if (t == PgTypeCatalog.Int4)
            return Kind.Int4;
        if (t == PgTypeCatalog.Int8)
            return Kind.Int8;
        if (t == PgTypeCatalog.Int2)
            return Kind.Int2;
        if (t == PgTypeCatalog.Text || (t == PgTypeCatalog.Varchar && type.Modifier < 4))
            return Kind.Text;
        if (t == PgTypeCatalog.Varchar)
            return Kind.BoundedText;
        if (t == PgTypeCatalog.Date)
            return Kind.Date;
        return Kind.None;
    }

    /// <summary>
    /// Stores <paramref name="field"/> in the batch's filling row when the shortcut applies.
    /// <paramref name="isUtf8"/> says the field is known to be valid UTF-8 (a slice of a checked record
    /// with no escapes that could have made other bytes).
    /// </summary>
    public static bool TryStore(Kind kind, int modifier, ReadOnlySpan<byte> field, bool isUtf8, BulkRowBatch batch, int column)
    {
        switch (kind)
        {
            case Kind.Int4:
            case Kind.Int8:
            case Kind.Int2:
                if (!TryInteger(field, out var value) || !InRange(kind, value))
                    return false;
                batch.SetInteger(column, value);
                return true;
            case Kind.Text:
                // Escapes in TEXT format can make bytes that are not UTF-8; the codec reports those.
                if (!isUtf8 && !Utf8.IsValid(field))
                    return false;
                batch.SetUtf8(column, field);
                return true;
            case Kind.BoundedText:
                // No more bytes than varchar(n) allows characters means no more characters either.
                if (field.Length > modifier - 4 || (!isUtf8 && !Utf8.IsValid(field)))
                    return false;
                batch.SetUtf8(column, field);
                return true;
            case Kind.Date:
                if (!DateCodec.IsIso(field))
                    return false;
                batch.SetUtf8(column, field);
                return true;
            default:
                return false;
        }
    }

    /// <summary>An optional minus and 1 to 18 digits, which always fit a long.</summary>
    private static bool TryInteger(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        var negative = field.Length > 0 && field[0] == (byte)'-';
        var digits = negative ? field[1..] : field;
        if (digits.Length is 0 or > 18)
            return false;
        foreach (var b in digits)
        {
            var d = (uint)(b - '0');
            if (d > 9)
                return false;
            value = (value * 10) + d;
        }
        if (negative)
            value = -value;
        return true;
    }

    private static bool InRange(Kind kind, long value) => kind switch
    {
        Kind.Int2 => value is >= short.MinValue and <= short.MaxValue,
        Kind.Int4 => value is >= int.MinValue and <= int.MaxValue,
        _ => true,
    };
}

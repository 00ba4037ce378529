using System.Text.Unicode;
using IrisPgWire.Backends;
using IrisPgWire.Types;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Copy;

/// <summary>
/// COPY FROM's shortcut past the type codecs for the commonest inputs, used when the store takes
/// <see cref="BulkRowBatch"/> cells: a plain integer, boolean or decimal float becomes a number cell,
/// and text whose canonical value is the input itself (text, varchar within its length, an ISO date or
/// timestamp, a decimal already at its numeric scale) is kept as its UTF-8 bytes.
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
        Timestamp,
        Bool,
        Float8,
        Numeric,
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
        if (t == PgTypeCatalog.Timestamp)
            return Kind.Timestamp;
        if (t == PgTypeCatalog.Bool)
            return Kind.Bool;
        if (t == PgTypeCatalog.Float8)
            return Kind.Float8;
        if (t == PgTypeCatalog.Numeric)
            return Kind.Numeric;
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
            case Kind.Timestamp:
                if (!IsCanonicalTimestamp(field, modifier))
                    return false;
                batch.SetUtf8(column, field);
                return true;
            case Kind.Bool:
                if (!TryBool(field, out var truth))
                    return false;
                batch.SetInteger(column, truth ? 1 : 0);
                return true;
            case Kind.Float8:
                if (!TryFloat8(field, out var real))
                    return false;
                batch.SetReal(column, real);
                return true;
            case Kind.Numeric:
                if (!IsCanonicalNumeric(field, modifier))
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

    /// <summary>The spellings PostgreSQL itself prints or a dump has: t, f, true, false.</summary>
    private static bool TryBool(ReadOnlySpan<byte> field, out bool value)
    {
        value = field.SequenceEqual("t"u8) || field.SequenceEqual("true"u8);
        return value || field.SequenceEqual("f"u8) || field.SequenceEqual("false"u8);
    }

    /// <summary>
    /// Digits with an optional minus and decimal part, no exponent and at most 30 bytes: always finite,
    /// and read to the same nearest double as the codec reads it. Negative zero is left to the codec,
    /// as stores keep it apart.
    /// </summary>
    private static bool TryFloat8(ReadOnlySpan<byte> field, out double value)
    {
        value = 0;
        if (field.Length > 30 || !IsDecimal(field, out var negative, out _, out _, out var allZero) || (negative && allZero))
            return false;
        return double.TryParse(field, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// A decimal numeric prints as it was written when it has no leading zeros, is not a negative zero,
    /// and has exactly the column's scale with no more integer digits than its precision leaves.
    /// </summary>
    private static bool IsCanonicalNumeric(ReadOnlySpan<byte> field, int modifier)
    {
        if (!IsDecimal(field, out var negative, out var integerDigits, out var fractionDigits, out var allZero) || (negative && allZero))
            return false;
        var digits = negative ? field[1..] : field;
        if (integerDigits > 1 && digits[0] == (byte)'0')
            return false;
        if (modifier < 4)
            return true;
        var precision = ((modifier - 4) >> 16) & 0xFFFF;
        var scale = (modifier - 4) & 0xFFFF;
        var significant = integerDigits == 1 && digits[0] == (byte)'0' ? 0 : integerDigits;
        return fractionDigits == scale && significant <= precision - scale;
    }

    /// <summary>An optional minus, one or more digits, and optionally a point with one or more digits.</summary>
    private static bool IsDecimal(ReadOnlySpan<byte> field, out bool negative, out int integerDigits, out int fractionDigits, out bool allZero)
    {
        negative = field.Length > 0 && field[0] == (byte)'-';
        integerDigits = fractionDigits = 0;
        allZero = true;
        var point = false;
        for (var i = negative ? 1 : 0; i < field.Length; i++)
        {
            var b = field[i];
            if (b == (byte)'.' && !point && integerDigits > 0)
            {
                point = true;
                continue;
            }
            if ((uint)(b - '0') > 9)
                return false;
            allZero &= b == (byte)'0';
            if (point)
                fractionDigits++;
            else
                integerDigits++;
        }
        return integerDigits > 0 && (!point || fractionDigits > 0);
    }

    /// <summary>
    /// <c>YYYY-MM-DD HH:MM:SS</c> with an optional fraction of 1 to 6 digits not ending in 0 (which the
    /// output would drop) and within the column's precision: exactly what PostgreSQL prints for it.
    /// </summary>
    private static bool IsCanonicalTimestamp(ReadOnlySpan<byte> field, int modifier)
    {
        if (field.Length < 19 || field[10] != (byte)' ' || !DateCodec.IsIso(field[..10]))
            return false;
        var time = field[11..];
        if (time[2] != (byte)':' || time[5] != (byte)':' || !TwoDigits(time, 0, 23) || !TwoDigits(time, 3, 59) || !TwoDigits(time, 6, 59))
            return false;
        if (time.Length == 8)
            return true;
        var fraction = time[9..];
        if (time[8] != (byte)'.' || fraction.Length is 0 or > 6 || fraction[^1] == (byte)'0' || (modifier >= 0 && fraction.Length > modifier))
            return false;
        foreach (var b in fraction)
        {
            if ((uint)(b - '0') > 9)
                return false;
        }
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> text, int at, int max)
    {
        var high = (uint)(text[at] - '0');
        var low = (uint)(text[at + 1] - '0');
        return high <= 9 && low <= 9 && (high * 10) + low <= max;
    }

    private static bool InRange(Kind kind, long value) => kind switch
    {
        Kind.Int2 => value is >= short.MinValue and <= short.MaxValue,
        Kind.Int4 => value is >= int.MinValue and <= int.MaxValue,
        _ => true,
    };
}

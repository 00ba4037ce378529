using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// numeric: arbitrary precision, its canonical value the text PostgreSQL prints (scale as written or as
/// the type modifier fixes it). Binary is numeric_send's base-10000 layout (src/backend/utils/adt/numeric.c).
/// </summary>
internal sealed class NumericCodec() : PgCodec(PgTypeCatalog.Numeric)
{
    public static readonly NumericCodec Instance = new();

    private const short SignPositive = 0x0000;
    private const short SignNegative = 0x4000;
    private const short SignNaN = unchecked((short)0xC000);
    private const short SignPositiveInfinity = unchecked((short)0xD000);
    private const short SignNegativeInfinity = unchecked((short)0xF000);

    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings) =>
        Parse(Encoding.UTF8.GetString(utf8), modifier);

    public string Parse(string input, int modifier)
    {
        var text = input.Trim();
        switch (text.ToLowerInvariant())
        {
            case "nan": return "NaN";
            case "infinity" or "+infinity" or "inf" or "+inf": return CheckInfinity("Infinity", modifier);
            case "-infinity" or "-inf": return CheckInfinity("-Infinity", modifier);
        }
        if (!TryParse(text, out var unscaled, out var scale))
            throw InvalidSyntax(input);
        return Format(ApplyModifier(unscaled, scale, modifier, out var finalScale), finalScale);
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length < 8)
            throw InsufficientData();
        var ndigits = BinaryPrimitives.ReadInt16BigEndian(data);
        var weight = BinaryPrimitives.ReadInt16BigEndian(data[2..]);
        var sign = BinaryPrimitives.ReadInt16BigEndian(data[4..]);
        var dscale = BinaryPrimitives.ReadInt16BigEndian(data[6..]);
        if (data.Length != 8 + ndigits * 2 || dscale < 0)
            throw new PgErrorException(SqlState.InvalidBinaryRepresentation, "invalid length in external \"numeric\" value");
        switch (sign)
        {
            case SignNaN: return "NaN";
            case SignPositiveInfinity: return CheckInfinity("Infinity", modifier);
            case SignNegativeInfinity: return CheckInfinity("-Infinity", modifier);
            case SignPositive or SignNegative: break;
            default: throw new PgErrorException(SqlState.InvalidBinaryRepresentation, "invalid sign in external \"numeric\" value");
        }
        BigInteger value = 0;
        for (var i = 0; i < ndigits; i++)
        {
            var digit = BinaryPrimitives.ReadInt16BigEndian(data[(8 + 2 * i)..]);
            if (digit is < 0 or >= 10000)
                throw new PgErrorException(SqlState.InvalidBinaryRepresentation, "invalid digit in external \"numeric\" value");
            value = value * 10000 + digit;
        }
        // value * 10000^(weight - ndigits + 1), expressed with dscale decimal places.
        var exponent4 = weight - ndigits + 1;
        var scaleOfValue = -4 * exponent4;
        var unscaled = value;
        if (scaleOfValue < dscale)
            unscaled *= BigInteger.Pow(10, dscale - scaleOfValue);
        else if (scaleOfValue > dscale)
            unscaled = RoundDivide(unscaled, BigInteger.Pow(10, scaleOfValue - dscale));
        if (sign == SignNegative)
            unscaled = -unscaled;
        return Format(ApplyModifier(unscaled, dscale, modifier, out var finalScale), finalScale);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var text = (string)value;
        short sign;
        switch (text)
        {
            case "NaN": WriteHeader(output, 0, 0, SignNaN, 0); return;
            case "Infinity": WriteHeader(output, 0, 0, SignPositiveInfinity, 0); return;
            case "-Infinity": WriteHeader(output, 0, 0, SignNegativeInfinity, 0); return;
        }
        sign = text.StartsWith('-') ? SignNegative : SignPositive;
        var body = text.TrimStart('-');
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        var intPart = (dot >= 0 ? body[..dot] : body).TrimStart('0');
        var fracPart = dot >= 0 ? body[(dot + 1)..] : "";
        var dscale = (short)fracPart.Length;
        var intPadded = new string('0', (4 - intPart.Length % 4) % 4) + intPart;
        var fracPadded = fracPart + new string('0', (4 - fracPart.Length % 4) % 4);
        var groups = new List<short>();
        for (var i = 0; i < intPadded.Length; i += 4)
            groups.Add(short.Parse(intPadded.AsSpan(i, 4), CultureInfo.InvariantCulture));
        var weight = groups.Count - 1;
        for (var i = 0; i < fracPadded.Length; i += 4)
            groups.Add(short.Parse(fracPadded.AsSpan(i, 4), CultureInfo.InvariantCulture));
        var first = 0;
        while (first < groups.Count && groups[first] == 0)
        {
            first++;
            weight--;
        }
        var last = groups.Count;
        while (last > first && groups[last - 1] == 0)
            last--;
        if (first == last)
        {
            WriteHeader(output, 0, 0, SignPositive, dscale);
            return;
        }
        WriteHeader(output, (short)(last - first), (short)weight, sign, dscale);
        var span = output.GetSpan((last - first) * 2);
        for (var i = first; i < last; i++)
            BinaryPrimitives.WriteInt16BigEndian(span[((i - first) * 2)..], groups[i]);
        output.Advance((last - first) * 2);
    }

    public override object Coerce(object value, int modifier) => value switch
    {
        long or int or short => Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, modifier),
        double d => Parse(FloatCodec.Float8.Format(d, 0), modifier),
        float f => Parse(FloatCodec.Float4.Format(f, 0), modifier),
        decimal m => Parse(m.ToString(CultureInfo.InvariantCulture), modifier),
        _ => base.Coerce(value, modifier),
    };

    /// <summary>Precision and scale from a typmod ((p &lt;&lt; 16 | s) + 4), or false for none.</summary>
    public static bool TryDecodeModifier(int modifier, out int precision, out int scale)
    {
        precision = scale = 0;
        if (modifier < 4)
            return false;
        var m = modifier - 4;
        precision = (m >> 16) & 0xFFFF;
        scale = (short)(m & 0xFFFF);
        return true;
    }

    private static void WriteHeader(IBufferWriter<byte> output, short ndigits, short weight, short sign, short dscale)
    {
        var span = output.GetSpan(8);
        BinaryPrimitives.WriteInt16BigEndian(span, ndigits);
        BinaryPrimitives.WriteInt16BigEndian(span[2..], weight);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], sign);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], dscale);
        output.Advance(8);
    }

    private static string CheckInfinity(string value, int modifier) =>
        TryDecodeModifier(modifier, out var p, out var s)
            ? throw new PgErrorException(SqlState.NumericValueOutOfRange, "numeric field overflow",
                $"A field with precision {p}, scale {s} cannot hold an infinite value.")
            : value;

    private static bool TryParse(string text, out BigInteger unscaled, out int scale)
    {
        unscaled = 0;
        scale = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
            negative = text[i++] == '-';
        var digits = new StringBuilder();
        var sawDigit = false;
        var fraction = 0;
        var inFraction = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                sawDigit = true;
                if (inFraction)
                    fraction++;
            }
            else if (c == '.' && !inFraction)
            {
                inFraction = true;
            }
            else
            {
                break;
            }
        }
        if (!sawDigit)
            return false;
        var exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            var start = i;
            if (i < text.Length && text[i] is '+' or '-')
                i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            if (!int.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) ||
                Math.Abs(exponent) > 1000)
                return false;
        }
        if (i != text.Length)
            return false;
        unscaled = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        scale = fraction - exponent;
        if (scale < 0)
        {
            unscaled *= BigInteger.Pow(10, -scale);
            scale = 0;
        }
        if (negative)
            unscaled = -unscaled;
        return true;
    }

    private static BigInteger ApplyModifier(BigInteger unscaled, int scale, int modifier, out int finalScale)
    {
        finalScale = scale;
        if (!TryDecodeModifier(modifier, out var precision, out var targetScale))
            return unscaled;
        if (targetScale < scale)
            unscaled = RoundDivide(unscaled, BigInteger.Pow(10, scale - targetScale));
        else if (targetScale > scale)
            unscaled *= BigInteger.Pow(10, targetScale - scale);
        finalScale = targetScale;
        var integerDigits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).Length - targetScale;
        if (!unscaled.IsZero && integerDigits > precision - targetScale)
        {
            var limit = precision - targetScale;
            throw new PgErrorException(SqlState.NumericValueOutOfRange, "numeric field overflow",
                limit == 0
                    ? $"A field with precision {precision}, scale {targetScale} must round to an absolute value less than 1."
                    : $"A field with precision {precision}, scale {targetScale} must round to an absolute value less than 10^{limit}.");
        }
        return unscaled;
    }

    /// <summary>Division rounding half away from zero, as numeric rounding does.</summary>
    private static BigInteger RoundDivide(BigInteger value, BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(value, divisor, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= divisor)
            quotient += value.Sign;
        return quotient;
    }

    private static string Format(BigInteger unscaled, int scale)
    {
        var negative = unscaled.Sign < 0;
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            if (digits.Length <= scale)
                digits = new string('0', scale - digits.Length + 1) + digits;
            digits = digits[..^scale] + "." + digits[^scale..];
        }
        return negative ? "-" + digits : digits;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// real and double precision. Output follows float4out/float8out: with extra_float_digits &gt; 0 the
/// shortest text that reads back exactly, in fixed notation when the decimal exponent is in
/// [-4, digits) and exponential (<c>1e+20</c>) otherwise; with extra_float_digits &lt;= 0, %.{N}g with
/// N = 15 (6 for real) + extra_float_digits.
/// </summary>
internal sealed class FloatCodec(PgType type) : PgCodec(type)
{
    public static readonly FloatCodec Float4 = new(PgTypeCatalog.Float4);
    public static readonly FloatCodec Float8 = new(PgTypeCatalog.Float8);

    private bool IsSingle => Type.Length == 4;

    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = Encoding.UTF8.GetString(utf8).Trim();
        double value;
        switch (text.ToLowerInvariant())
        {
            case "nan": value = double.NaN; break;
            case "infinity" or "+infinity" or "inf" or "+inf": value = double.PositiveInfinity; break;
            case "-infinity" or "-inf": value = double.NegativeInfinity; break;
            default:
                if (text.Length == 0 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) ||
                    text.Contains(',', StringComparison.Ordinal))
                    throw InvalidSyntax(utf8);
                if (double.IsInfinity(value) || (IsSingle && float.IsInfinity((float)value)))
                    throw new PgErrorException(SqlState.NumericValueOutOfRange, $"\"{text}\" is out of range for type {TypeName}");
                break;
        }
        return IsSingle ? (object)(float)value : value;
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CheckBinaryLength(data, Type.Length);
        return IsSingle ? (object)BinaryPrimitives.ReadSingleBigEndian(data) : BinaryPrimitives.ReadDoubleBigEndian(data);
    }

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        WriteAscii(output, Format(value, settings.ExtraFloatDigits));

    /// <summary>
    /// Writes a double precision value's text output without boxing it. In the common case (shortest
    /// round-trip digits in .NET's fixed notation, magnitude in [1e-4, 1e15), which PostgreSQL also prints
    /// fixed) .NET's text is PostgreSQL's as it is; anything else goes through <see cref="Format"/>.
    /// </summary>
    public void FormatDouble(double value, IBufferWriter<byte> output, int extraFloatDigits)
    {
        if (!IsSingle && extraFloatDigits > 0 && double.IsFinite(value) && (value == 0 || Math.Abs(value) is >= 1e-4 and < 1e15))
        {
            var span = output.GetSpan(32);
            if (value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture) && span[..written].IndexOf((byte)'E') < 0)
            {
                // .NET prints negative zero as "-0", as PostgreSQL does.
                output.Advance(written);
                return;
            }
        }
        WriteAscii(output, Format(IsSingle ? (object)(float)value : value, extraFloatDigits));
    }

    public string Format(object value, int extraFloatDigits)
    {
        var d = IsSingle ? (float)value : (double)value;
        if (double.IsNaN(d))
            return "NaN";
        if (double.IsPositiveInfinity(d))
            return "Infinity";
        if (double.IsNegativeInfinity(d))
            return "-Infinity";
        if (extraFloatDigits > 0)
        {
            // "R" gives the shortest round-trip digits; re-layout them as PostgreSQL does.
            var roundTrip = IsSingle
                ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
                : ((double)value).ToString("R", CultureInfo.InvariantCulture);
            return Layout(roundTrip, IsSingle ? 6 : 15);
        }
        var precision = (IsSingle ? 6 : 15) + extraFloatDigits;
        return FormatG(d, Math.Max(1, precision));
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(8);
        // NaN is sent with PostgreSQL's bit pattern (positive quiet NaN), whatever the sign bit .NET gives it.
        if (IsSingle)
            BinaryPrimitives.WriteSingleBigEndian(span, float.IsNaN((float)value) ? BitsToSingle(0x7FC00000) : (float)value);
        else
            BinaryPrimitives.WriteDoubleBigEndian(span, double.IsNaN((double)value) ? BitsToDouble(0x7FF8000000000000) : (double)value);
        output.Advance(Type.Length);
    }

    private static float BitsToSingle(int bits) => System.Runtime.CompilerServices.Unsafe.BitCast<int, float>(bits);

    private static double BitsToDouble(long bits) => System.Runtime.CompilerServices.Unsafe.BitCast<long, double>(bits);

    public override object Coerce(object value, int modifier) => value switch
    {
        double d => IsSingle ? (object)(float)d : d,
        float f => IsSingle ? f : (object)(double)f,
        long l => IsSingle ? (object)(float)l : (double)l,
        int i => IsSingle ? (object)(float)i : (double)i,
        short s => IsSingle ? (object)(float)s : (double)s,
        _ => base.Coerce(value, modifier),
    };

    /// <summary>
    /// Lays out shortest digits (from .NET's round-trip text) the way PostgreSQL's shortest-decimal output
    /// does: fixed when -4 &lt;= exponent &lt; threshold, else d.ddde±XX.
    /// </summary>
    private static string Layout(string roundTrip, int threshold)
    {
        var negative = roundTrip.StartsWith('-');
        var body = negative ? roundTrip[1..] : roundTrip;
        var exponent = 0;
        var e = body.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(body.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? body[..dot] : body;
        var fracPart = dot >= 0 ? body[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        if (digits.Length == 0)
            return negative ? "-0" : "0";
        // Decimal exponent of the first significant digit.
        var leadingZerosInFraction = intPart.TrimStart('0').Length == 0 ? fracPart.Length - fracPart.TrimStart('0').Length : 0;
        var pointExponent = intPart.TrimStart('0').Length > 0
            ? intPart.TrimStart('0').Length - 1 + exponent
            : -(leadingZerosInFraction + 1) + exponent;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";
        var sb = new StringBuilder();
        if (negative)
            sb.Append('-');
        if (pointExponent < -4 || pointExponent >= threshold)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(pointExponent < 0 ? '-' : '+');
            sb.Append(Math.Abs(pointExponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointExponent < 0)
        {
            sb.Append("0.").Append('0', -pointExponent - 1).Append(digits);
        }
        else if (digits.Length <= pointExponent + 1)
        {
            sb.Append(digits).Append('0', pointExponent + 1 - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, pointExponent + 1).Append('.').Append(digits, pointExponent + 1, digits.Length - pointExponent - 1);
        }
        return sb.ToString();
    }

    /// <summary>C's %.{precision}g.</summary>
    private static string FormatG(double d, int precision)
    {
        if (d == 0)
            return double.IsNegative(d) ? "-0" : "0";
        var e = d.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var mantissa = e[..e.IndexOf('E', StringComparison.Ordinal)];
        var exponent = int.Parse(e.AsSpan(e.IndexOf('E', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            if (mantissa.Contains('.', StringComparison.Ordinal))
                mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        var fixedText = d.ToString("F" + Math.Max(0, precision - 1 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (fixedText.Contains('.', StringComparison.Ordinal))
            fixedText = fixedText.TrimEnd('0').TrimEnd('.');
        return fixedText;
    }
}

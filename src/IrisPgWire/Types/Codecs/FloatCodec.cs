using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// real and double precision. Input as float4in/float8in (src/backend/utils/adt/float.c): strtod syntax,
/// <c>inf</c>/<c>infinity</c>/<c>nan</c> in any case, whitespace around; overflow and underflow to zero give
/// 22003. Output as float8out: with extra_float_digits &gt; 0 the shortest string that reads back exactly
/// (src/common/d2s.c: fixed notation when the decimal exponent is in [-4, 15) for double, [-4, 6) for real,
/// otherwise <c>1e+20</c>), else printf's <c>%.{15+n}g</c> (<c>%.{6+n}g</c> for real).
/// </summary>
internal sealed class FloatCodec : IPgCodec
{
    public static readonly FloatCodec Float4 = new(false);
    public static readonly FloatCodec Float8 = new(true);

    private readonly bool _double;
    private readonly string _typeName;

    private FloatCodec(bool isDouble)
    {
        _double = isDouble;
        _typeName = isDouble ? "double precision" : "real";
    }

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        double d = ParseDouble(utf8, out bool isFloatSpecial);
        if (_double)
            return d;
        float f = (float)d;
        if (!isFloatSpecial && (float.IsInfinity(f) || (f == 0 && d != 0)))
            CodecErrors.FloatOutOfRange(_typeName, utf8);
        if (!isFloatSpecial && f == 0 && HasNonZeroMantissa(utf8))
            CodecErrors.FloatOutOfRange(_typeName, utf8);
        return f;
    }

    /// <summary>Parses without allocating; range errors as float8in.</summary>
    public double ParseDouble(ReadOnlySpan<byte> utf8, out bool special)
    {
        var s = Utf8Input.Trim(utf8);
        special = false;
        if (TryParseSpecial(s, out double sv))
        {
            special = true;
            return sv;
        }
        if (s.IsEmpty || !IsStrtodSyntax(s) ||
            !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            CodecErrors.InvalidSyntax(_typeName, utf8);
            return 0;
        }
        if (double.IsInfinity(d) || (d == 0 && HasNonZeroMantissa(s)))
            CodecErrors.FloatOutOfRange(_typeName, utf8);
        return d;
    }

    // .NET's parser is laxer than strtod in a few places (it takes "∞" and culture words); keep to
    // [sign] digits [. digits] [e [sign] digits].
    private static bool IsStrtodSyntax(ReadOnlySpan<byte> s)
    {
        int i = 0;
        if (s[i] is (byte)'+' or (byte)'-')
            i++;
        int digits = 0;
        while (i < s.Length && (uint)(s[i] - '0') <= 9) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && (uint)(s[i] - '0') <= 9) { i++; digits++; }
        }
        if (digits == 0)
            return false;
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
                i++;
            int ed = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9) { i++; ed++; }
            if (ed == 0)
                return false;
        }
        return i == s.Length;
    }

    private static bool HasNonZeroMantissa(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
        {
            if ((b | 0x20) == 'e')
                break;
            if (b is >= (byte)'1' and <= (byte)'9')
                return true;
        }
        return false;
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (s.IsEmpty)
            return false;
        bool neg = false;
        var body = s;
        if (body[0] is (byte)'+' or (byte)'-')
        {
            neg = body[0] == '-';
            body = body[1..];
        }
        if (Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = double.NaN;
            return true;
        }
        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = neg ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (_double)
        {
            CodecErrors.RequireLength(data, 8);
            return BinaryPrimitives.ReadDoubleBigEndian(data);
        }
        CodecErrors.RequireLength(data, 4);
        return BinaryPrimitives.ReadSingleBigEndian(data);
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        if (_double)
            WriteDouble(ToDouble(value), output, settings.ExtraFloatDigits);
        else
            WriteSingle(ToSingle(value), output, settings.ExtraFloatDigits);
    }

    public static void WriteDouble(double d, IBufferWriter<byte> output, int extraFloatDigits)
    {
        if (WriteSpecial(d, output))
            return;
        Span<byte> buf = stackalloc byte[40];
        int n;
        if (extraFloatDigits > 0)
        {
            d.TryFormat(buf, out n, "R", CultureInfo.InvariantCulture);
            Layout(buf[..n], output, 15, shortest: true);
        }
        else
        {
            int precision = Math.Max(1, 15 + extraFloatDigits);
            d.TryFormat(buf, out n, PrecisionFormats[precision - 1], CultureInfo.InvariantCulture);
            Layout(buf[..n], output, precision, shortest: false);
        }
    }

    public static void WriteSingle(float f, IBufferWriter<byte> output, int extraFloatDigits)
    {
        if (WriteSpecial(f, output))
            return;
        Span<byte> buf = stackalloc byte[40];
        int n;
        if (extraFloatDigits > 0)
        {
            f.TryFormat(buf, out n, "R", CultureInfo.InvariantCulture);
            Layout(buf[..n], output, 6, shortest: true);
        }
        else
        {
            int precision = Math.Max(1, 6 + extraFloatDigits);
            f.TryFormat(buf, out n, PrecisionFormats[precision - 1], CultureInfo.InvariantCulture);
            Layout(buf[..n], output, precision, shortest: false);
        }
    }

    private static readonly string[] PrecisionFormats =
        [.. Enumerable.Range(0, 17).Select(p => "E" + p.ToString(CultureInfo.InvariantCulture))];

    private static bool WriteSpecial(double d, IBufferWriter<byte> output)
    {
        if (double.IsNaN(d))
            Utf8Input.WriteAscii(output, "NaN"u8);
        else if (double.IsPositiveInfinity(d))
            Utf8Input.WriteAscii(output, "Infinity"u8);
        else if (double.IsNegativeInfinity(d))
            Utf8Input.WriteAscii(output, "-Infinity"u8);
        else if (d == 0)
            Utf8Input.WriteAscii(output, double.IsNegative(d) ? "-0"u8 : "0"u8);
        else
            return false;
        return true;
    }

    /// <summary>
    /// Re-lays out .NET's digits (<c>-1.2345E+017</c> or <c>123.45</c>) the way PostgreSQL prints them:
    /// fixed when -4 &lt;= exponent &lt; threshold, otherwise mantissa and a signed two-digit-minimum exponent.
    /// </summary>
    private static void Layout(ReadOnlySpan<byte> s, IBufferWriter<byte> output, int threshold, bool shortest)
    {
        Span<byte> digits = stackalloc byte[24];
        int nd = 0, exp10 = 0, pointPos = -1;
        bool neg = false, seenNonZero = false;
        int i = 0;
        if (s[0] == '-')
        {
            neg = true;
            i = 1;
        }
        int leadingZeros = 0;
        for (; i < s.Length; i++)
        {
            byte b = s[i];
            if (b == '.')
            {
                pointPos = nd + leadingZeros;
                continue;
            }
            if (b == 'E' || b == 'e')
            {
                exp10 = int.Parse(s[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            if (!seenNonZero && b == '0')
            {
                leadingZeros++;
                continue;
            }
            seenNonZero = true;
            digits[nd++] = b;
        }
        if (pointPos < 0)
            pointPos = nd + leadingZeros;
        // value = 0.[leadingZeros zeros][digits] scaled: the first significant digit sits at position
        // leadingZeros (0-based) of the digit string whose integer part has pointPos digits.
        int exponent = pointPos - leadingZeros - 1 + exp10;
        while (nd > 1 && digits[nd - 1] == '0')
            nd--;
        _ = shortest;

        var span = output.GetSpan(nd + 32);
        int o = 0;
        if (neg)
            span[o++] = (byte)'-';
        if (exponent >= -4 && exponent < threshold)
        {
            if (exponent < 0)
            {
                span[o++] = (byte)'0';
                span[o++] = (byte)'.';
                for (int z = 0; z < -exponent - 1; z++)
                    span[o++] = (byte)'0';
                for (int k = 0; k < nd; k++)
                    span[o++] = digits[k];
            }
            else
            {
                for (int k = 0; k <= exponent; k++)
                    span[o++] = k < nd ? digits[k] : (byte)'0';
                if (nd > exponent + 1)
                {
                    span[o++] = (byte)'.';
                    for (int k = exponent + 1; k < nd; k++)
                        span[o++] = digits[k];
                }
            }
        }
        else
        {
            span[o++] = digits[0];
            if (nd > 1)
            {
                span[o++] = (byte)'.';
                for (int k = 1; k < nd; k++)
                    span[o++] = digits[k];
            }
            span[o++] = (byte)'e';
            span[o++] = exponent < 0 ? (byte)'-' : (byte)'+';
            int ae = Math.Abs(exponent);
            if (ae < 10)
                span[o++] = (byte)'0';
            ae.TryFormat(span[o..], out int w, default, CultureInfo.InvariantCulture);
            o += w;
        }
        output.Advance(o);
    }

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        if (_double)
        {
            BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), ToDouble(value));
            output.Advance(8);
        }
        else
        {
            BinaryPrimitives.WriteSingleBigEndian(output.GetSpan(4), ToSingle(value));
            output.Advance(4);
        }
    }

    private static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static float ToSingle(object value) => value switch
    {
        float f => f,
        double d => (float)d,
        _ => Convert.ToSingle(value, CultureInfo.InvariantCulture),
    };

    public object Coerce(object value, int modifier) => value switch
    {
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        bool => Fail(value),
        _ when _double => ToDouble(value),
        _ => ToSingle(value),
    };

    private object Fail(object value)
    {
        CodecErrors.CannotCoerce(value, _typeName);
        return null!;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// numeric with arbitrary precision, kept as its text (src/backend/utils/adt/numeric.c). Input: optional
/// sign, digits with an optional point, optional exponent (|e| &lt;= 1000), or NaN / Infinity / inf in
/// any case. The display scale is the number of fraction digits written minus the exponent. A type
/// modifier rounds half away from zero to the scale and checks the precision (apply_typmod).
/// Binary is the base-10000 form of numeric_send.
/// </summary>
internal sealed class NumericCodec : IPgCodec
{
    public static readonly NumericCodec Instance = new();

    private const ushort SignPositive = 0x0000;
    private const ushort SignNegative = 0x4000;
    private const ushort SignNaN = 0xC000;
    private const ushort SignPInf = 0xD000;
    private const ushort SignNInf = 0xF000;

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var s = Utf8Input.Trim(utf8);
        if (TryParseSpecial(s, out var special))
        {
            if (special != "NaN")
                CheckInfinity(modifier);
            return special;
        }
        int i = 0;
        bool neg = false;
        if (s.Length > 0 && s[0] is (byte)'+' or (byte)'-')
        {
            neg = s[0] == '-';
            i++;
        }
        var mant = new StringBuilder(s.Length);
        int frac = 0;
        bool point = false, any = false;
        for (; i < s.Length; i++)
        {
            byte b = s[i];
            if ((uint)(b - '0') <= 9)
            {
                mant.Append((char)b);
                any = true;
                if (point)
                    frac++;
            }
            else if (b == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }
        if (!any)
            CodecErrors.InvalidSyntax("numeric", utf8);
        int exponent = 0;
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            bool eneg = false;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                eneg = s[i] == '-';
                i++;
            }
            int start = i;
            long e = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                e = Math.Min(e * 10 + (s[i] - '0'), 100000);
                i++;
            }
            // numeric.c rejects exponents beyond NUMERIC_MAX_PRECISION as bad syntax.
            if (i == start || e > 1000)
                CodecErrors.InvalidSyntax("numeric", utf8);
            exponent = (int)(eneg ? -e : e);
        }
        if (i != s.Length)
            CodecErrors.InvalidSyntax("numeric", utf8);
        return Build(neg, mant.ToString(), frac, exponent, modifier);
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> s, out string value)
    {
        value = "";
        if (Ascii.EqualsIgnoreCase(s, "nan"u8))
        {
            value = "NaN";
            return true;
        }
        var body = s;
        bool neg = false;
        if (body.Length > 0 && body[0] is (byte)'+' or (byte)'-')
        {
            neg = body[0] == '-';
            body = body[1..];
        }
        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = neg ? "-Infinity" : "Infinity";
            return true;
        }
        return false;
    }

    private static void CheckInfinity(int modifier)
    {
        if (modifier < 4)
            return;
        var (p, sc) = Decode(modifier);
        throw new PgErrorException(SqlState.NumericValueOutOfRange, "numeric field overflow",
            $"A field with precision {p}, scale {sc} cannot hold an infinite value.");
    }

    /// <summary>Precision and scale of a numeric type modifier ((p &lt;&lt; 16) | (s &amp; 0x7ff)) + 4.</summary>
    public static (int Precision, int Scale) Decode(int modifier)
    {
        int t = modifier - 4;
        int p = (t >> 16) & 0xFFFF;
        int s = ((t & 0x7FF) ^ 1024) - 1024;
        return (p, s);
    }

    /// <summary>value = mant × 10^(exponent - frac); returns the canonical text.</summary>
    private static string Build(bool neg, string mant, int frac, int exponent, int modifier)
    {
        int intLen = mant.Length - frac + exponent;
        int dscale = Math.Max(0, frac - exponent);
        string intPart, fracPart;
        if (intLen <= 0)
        {
            intPart = "";
            fracPart = new string('0', -intLen) + mant;
        }
        else if (intLen >= mant.Length)
        {
            intPart = mant + new string('0', intLen - mant.Length);
            fracPart = "";
        }
        else
        {
            intPart = mant[..intLen];
            fracPart = mant[intLen..];
        }
        return Finish(neg, intPart, fracPart, dscale, modifier);
    }

    private static string Finish(bool neg, string intPart, string fracPart, int dscale, int modifier)
    {
        if (fracPart.Length < dscale)
            fracPart += new string('0', dscale - fracPart.Length);
        else if (fracPart.Length > dscale)
            fracPart = fracPart[..dscale];

        if (modifier >= 4)
        {
            var (precision, scale) = Decode(modifier);
            (intPart, fracPart) = Round(intPart, fracPart, scale);
            dscale = Math.Max(scale, 0);
            CheckPrecision(intPart, fracPart, precision, scale);
        }

        intPart = intPart.TrimStart('0');
        bool zero = intPart.Length == 0 && fracPart.AsSpan().IndexOfAnyExcept('0') < 0;
        var sb = new StringBuilder(intPart.Length + fracPart.Length + 3);
        if (neg && !zero)
            sb.Append('-');
        sb.Append(intPart.Length == 0 ? "0" : intPart);
        if (dscale > 0)
            sb.Append('.').Append(fracPart);
        return sb.ToString();
    }

    /// <summary>Rounds half away from zero to <paramref name="scale"/> fraction digits (negative: tens, hundreds...).</summary>
    private static (string Int, string Frac) Round(string intPart, string fracPart, int scale)
    {
        if (scale >= 0)
        {
            if (fracPart.Length <= scale)
                return (intPart, fracPart + new string('0', scale - fracPart.Length));
            bool up = fracPart[scale] >= '5';
            var digits = (intPart + fracPart[..scale]).ToCharArray();
            string all = up ? Increment(digits) : new string(digits);
            int il = all.Length - scale;
            return (all[..il], all[il..]);
        }
        int drop = -scale;
        if (intPart.Length < drop)
        {
            // Everything is below the rounding digit unless the digit right at the boundary is >= 5.
            intPart = new string('0', drop - intPart.Length) + intPart;
        }
        bool roundUp = intPart[^drop] >= '5';
        var keep = intPart[..^drop].ToCharArray();
        string kept = roundUp ? Increment(keep) : new string(keep);
        return (kept + new string('0', drop), "");
    }

    private static string Increment(char[] digits)
    {
        for (int k = digits.Length - 1; k >= 0; k--)
        {
            if (digits[k] == '9')
            {
                digits[k] = '0';
                continue;
            }
            digits[k]++;
            return new string(digits);
        }
        return "1" + new string(digits);
    }

    private static void CheckPrecision(string intPart, string fracPart, int precision, int scale)
    {
        int maxDigits = precision - scale;
        var ip = intPart.AsSpan().TrimStart('0');
        int ddigits;
        if (ip.Length > 0)
        {
            ddigits = ip.Length;
        }
        else
        {
            int firstNonZero = fracPart.AsSpan().IndexOfAnyExcept('0');
            if (firstNonZero < 0)
                return;
            ddigits = -firstNonZero;
        }
        if (ddigits > maxDigits)
        {
            string bound = maxDigits != 0 ? "10^" + maxDigits.ToString(CultureInfo.InvariantCulture) : "1";
            throw new PgErrorException(SqlState.NumericValueOutOfRange, "numeric field overflow",
                $"A field with precision {precision}, scale {scale} must round to an absolute value less than {bound}.");
        }
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length < 8)
            CodecErrors.InsufficientBinaryData();
        int ndigits = BinaryPrimitives.ReadInt16BigEndian(data);
        int weight = BinaryPrimitives.ReadInt16BigEndian(data[2..]);
        ushort sign = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        int dscale = BinaryPrimitives.ReadInt16BigEndian(data[6..]);
        if (ndigits < 0)
            CodecErrors.BinaryFormat("invalid length in external \"numeric\" value");
        CodecErrors.RequireLength(data, 8 + (ndigits * 2));
        switch (sign)
        {
            case SignNaN: return "NaN";
            case SignPInf: CheckInfinity(modifier); return "Infinity";
            case SignNInf: CheckInfinity(modifier); return "-Infinity";
            case SignPositive or SignNegative: break;
            default: CodecErrors.BinaryFormat("invalid sign in external \"numeric\" value"); break;
        }
        if ((dscale & 0x3FFF) != dscale)
            CodecErrors.BinaryFormat("invalid scale in external \"numeric\" value");
        var intSb = new StringBuilder();
        var fracSb = new StringBuilder();
        for (int k = 0; k < ndigits; k++)
        {
            int d = BinaryPrimitives.ReadInt16BigEndian(data[(8 + (2 * k))..]);
            if (d is < 0 or >= 10000)
                CodecErrors.BinaryFormat("invalid digit in external \"numeric\" value");
            int pos = weight - k;
            string four = d.ToString("D4", CultureInfo.InvariantCulture);
            if (pos >= 0)
                intSb.Append(four);
            else
            {
                if (fracSb.Length == 0)
                    fracSb.Append('0', (-pos - 1) * 4);
                fracSb.Append(four);
            }
        }
        // Integer groups after the last stored digit are zeros.
        int lastPos = weight - ndigits + 1;
        if (ndigits > 0 && lastPos > 0)
            intSb.Append('0', lastPos * 4);
        return Finish(sign == SignNegative, intSb.ToString(), fracSb.ToString(), dscale, modifier);
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, ToCanonical(value));

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        string s = ToCanonical(value);
        var span = output.GetSpan(8);
        switch (s)
        {
            case "NaN": WriteHeader(span, 0, 0, SignNaN, 0); output.Advance(8); return;
            // numeric_send reports a display scale of 32 for the infinities (what the special header's bits decode to).
            case "Infinity": WriteHeader(span, 0, 0, SignPInf, 32); output.Advance(8); return;
            case "-Infinity": WriteHeader(span, 0, 0, SignNInf, 32); output.Advance(8); return;
        }
        bool neg = s[0] == '-';
        var body = neg ? s.AsSpan(1) : s.AsSpan();
        int dot = body.IndexOf('.');
        var ip = dot < 0 ? body : body[..dot];
        var fp = dot < 0 ? [] : body[(dot + 1)..];
        int dscale = fp.Length;
        ip = ip.TrimStart('0');
        // Group the digits in fours around the point.
        int intGroups = (ip.Length + 3) / 4;
        int fracGroups = (fp.Length + 3) / 4;
        int total = intGroups + fracGroups;
        Span<short> groups = total <= 256 ? stackalloc short[total] : new short[total];
        int lead = (intGroups * 4) - ip.Length;
        for (int g = 0; g < intGroups; g++)
        {
            int v = 0;
            for (int k = 0; k < 4; k++)
            {
                int idx = (g * 4) + k - lead;
                v = (v * 10) + (idx >= 0 ? ip[idx] - '0' : 0);
            }
            groups[g] = (short)v;
        }
        for (int g = 0; g < fracGroups; g++)
        {
            int v = 0;
            for (int k = 0; k < 4; k++)
            {
                int idx = (g * 4) + k;
                v = (v * 10) + (idx < fp.Length ? fp[idx] - '0' : 0);
            }
            groups[intGroups + g] = (short)v;
        }
        int first = 0, last = total - 1;
        while (first <= last && groups[first] == 0)
            first++;
        while (last >= first && groups[last] == 0)
            last--;
        int n = last - first + 1;
        int weight = n == 0 ? 0 : intGroups - 1 - first;
        span = output.GetSpan(8 + (2 * n));
        WriteHeader(span, (short)n, (short)weight, n == 0 ? SignPositive : neg ? SignNegative : SignPositive, (short)dscale);
        for (int k = 0; k < n; k++)
            BinaryPrimitives.WriteInt16BigEndian(span[(8 + (2 * k))..], groups[first + k]);
        output.Advance(8 + (2 * n));
    }

    private static void WriteHeader(Span<byte> span, short ndigits, short weight, ushort sign, short dscale)
    {
        BinaryPrimitives.WriteInt16BigEndian(span, ndigits);
        BinaryPrimitives.WriteInt16BigEndian(span[2..], weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], sign);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], dscale);
    }

    private static string ToCanonical(object value) => value switch
    {
        string s => s,
        _ => (string)Instance.Coerce(value, -1),
    };

    public object Coerce(object value, int modifier)
    {
        string text = value switch
        {
            string s => s,
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            int or long or short or uint or ulong or byte or sbyte or ushort =>
                Convert.ToString(value, CultureInfo.InvariantCulture)!,
            double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture)
                : double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity",
            float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture)
                : float.IsNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity",
            _ => (string)CodecErrors.CannotCoerceTo(value, "numeric"),
        };
        return ParseText(Encoding.UTF8.GetBytes(text), modifier, PgFormatSettings.Default);
    }
}

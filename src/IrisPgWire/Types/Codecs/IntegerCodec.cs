using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// smallint, integer, bigint and oid. Text input follows pg_strtoint16/32/64 (src/backend/utils/adt/numutils.c):
/// optional whitespace, sign, decimal digits only (no hex or underscores before PostgreSQL 16), whitespace.
/// Non-digits give 22P02, overflow gives 22003. oid input (oidin) also accepts negative values down to
/// -2147483648, stored modulo 2^32.
/// </summary>
internal sealed class IntegerCodec : IPgCodec
{
    public static readonly IntegerCodec Int2 = new(2, "smallint", short.MinValue, short.MaxValue);
    public static readonly IntegerCodec Int4 = new(4, "integer", int.MinValue, int.MaxValue);
    public static readonly IntegerCodec Int8 = new(8, "bigint", long.MinValue, long.MaxValue);
    public static readonly IntegerCodec Oid = new(-4, "oid", int.MinValue, uint.MaxValue);

    private readonly int _size;
    private readonly string _typeName;
    private readonly long _min;
    private readonly long _max;

    private IntegerCodec(int size, string typeName, long min, long max)
    {
        _size = size;
        _typeName = typeName;
        _min = min;
        _max = max;
    }

    private bool IsOid => _size < 0;

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        long v = ParseInt64(utf8);
        return Box(v);
    }

    /// <summary>Parses into a long without allocating; range-checked for this codec's type.</summary>
    public long ParseInt64(ReadOnlySpan<byte> utf8)
    {
        var s = Utf8Input.Trim(utf8);
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.Length)
            CodecErrors.InvalidSyntax(_typeName, utf8);
        // Accumulate as a negative number so that long.MinValue is representable.
        long acc = 0;
        bool overflow = false;
        for (; i < s.Length; i++)
        {
            int d = s[i] - '0';
            if ((uint)d > 9)
                CodecErrors.InvalidSyntax(_typeName, utf8);
            if (!overflow)
            {
                if (acc < (long.MinValue + d) / 10)
                    overflow = true;
                else
                    acc = acc * 10 - d;
            }
        }
        if (overflow)
            CodecErrors.OutOfRange(_typeName, utf8);
        if (!negative)
        {
            if (acc == long.MinValue)
                CodecErrors.OutOfRange(_typeName, utf8);
            acc = -acc;
        }
        if (acc < _min || acc > _max)
            CodecErrors.OutOfRange(_typeName, utf8);
        return acc;
    }

    private object Box(long v) => _size switch
    {
        2 => (short)v,
        4 => (int)v,
        8 => v,
        _ => unchecked((uint)v),
    };

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        switch (_size)
        {
            case 2:
                CodecErrors.RequireLength(data, 2);
                return BinaryPrimitives.ReadInt16BigEndian(data);
            case 4:
                CodecErrors.RequireLength(data, 4);
                return BinaryPrimitives.ReadInt32BigEndian(data);
            case 8:
                CodecErrors.RequireLength(data, 8);
                return BinaryPrimitives.ReadInt64BigEndian(data);
            default:
                CodecErrors.RequireLength(data, 4);
                return BinaryPrimitives.ReadUInt32BigEndian(data);
        }
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var span = output.GetSpan(20);
        int written;
        bool ok = value switch
        {
            short s => Utf8Formatter.TryFormat(s, span, out written),
            int n => Utf8Formatter.TryFormat(n, span, out written),
            long l => Utf8Formatter.TryFormat(l, span, out written),
            uint u => Utf8Formatter.TryFormat(u, span, out written),
            _ => Utf8Formatter.TryFormat(ToInt64(value), span, out written),
        };
        output.Advance(written);
    }

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        long v = ToInt64(value);
        switch (_size)
        {
            case 2:
                BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), (short)v);
                output.Advance(2);
                break;
            case 4:
                BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), (int)v);
                output.Advance(4);
                break;
            case 8:
                BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), v);
                output.Advance(8);
                break;
            default:
                BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), unchecked((uint)v));
                output.Advance(4);
                break;
        }
    }

    private static long ToInt64(object value) => value switch
    {
        short s => s,
        int n => n,
        long l => l,
        uint u => u,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public object Coerce(object value, int modifier)
    {
        switch (value)
        {
            case string s:
                return ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default);
            case bool:
                CodecErrors.CannotCoerce(value, _typeName);
                return null!;
            case double or float or decimal:
            {
                // Casts from float/numeric round half away from zero (float8 → int4 uses rint, half even;
                // numeric → int uses round half away). Use the decimal rule for decimal and rint for floats.
                double d = value is decimal m ? (double)Math.Round(m, MidpointRounding.AwayFromZero)
                    : Math.Round(Convert.ToDouble(value, CultureInfo.InvariantCulture), MidpointRounding.ToEven);
                if (double.IsNaN(d) || d < _min || d > _max)
                    throw new Errors.PgErrorException(Errors.SqlState.NumericValueOutOfRange, $"{_typeName} out of range");
                return Box((long)d);
            }
            case ulong ul:
                if (ul > (ulong)_max)
                    throw new Errors.PgErrorException(Errors.SqlState.NumericValueOutOfRange, $"{_typeName} out of range");
                return Box((long)ul);
            default:
            {
                long v = ToInt64(value);
                if (v < _min || v > _max)
                    throw new Errors.PgErrorException(Errors.SqlState.NumericValueOutOfRange, $"{_typeName} out of range");
                return Box(v);
            }
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>smallint, integer, bigint and oid: input per int2in/int4in/int8in (surrounding spaces allowed).</summary>
internal sealed class IntegerCodec(PgType type, long min, long max) : PgCodec(type)
{
    public static readonly IntegerCodec Int2 = new(PgTypeCatalog.Int2, short.MinValue, short.MaxValue);
    public static readonly IntegerCodec Int4 = new(PgTypeCatalog.Int4, int.MinValue, int.MaxValue);
    public static readonly IntegerCodec Int8 = new(PgTypeCatalog.Int8, long.MinValue, long.MaxValue);
    public static readonly IntegerCodec Oid = new(PgTypeCatalog.Oid, 0, uint.MaxValue);

    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var trimmed = utf8.Trim(" \t\n\r\f\v"u8);
        var digits = trimmed;
        var negative = false;
        if (digits.Length > 0 && digits[0] is (byte)'-' or (byte)'+')
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        if (digits.Length == 0)
            throw InvalidSyntax(utf8);
        ulong magnitude = 0;
        var overflow = false;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
                throw InvalidSyntax(utf8);
            if (magnitude > (ulong.MaxValue - 9) / 10)
                overflow = true;
            else
                magnitude = magnitude * 10 + (ulong)(b - '0');
        }
        if (Type == PgTypeCatalog.Oid && negative && !overflow && magnitude <= (ulong)int.MaxValue + 1)
            return unchecked((uint)(int)-(long)magnitude);
        if (overflow || (!negative && magnitude > (ulong)max) || (negative && magnitude > (ulong)-(min + 1) + 1))
            throw OutOfRange(Encoding.UTF8.GetString(utf8));
        var value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return Box(value);
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        CheckBinaryLength(data, Type.Length);
        return Type.Length switch
        {
            2 => BinaryPrimitives.ReadInt16BigEndian(data),
            4 when Type == PgTypeCatalog.Oid => BinaryPrimitives.ReadUInt32BigEndian(data),
            4 => BinaryPrimitives.ReadInt32BigEndian(data),
            _ => (object)BinaryPrimitives.ReadInt64BigEndian(data),
        };
    }

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var span = output.GetSpan(20);
        var ok = value switch
        {
            short s => Utf8Formatter.TryFormat(s, span, out var n) ? n : -1,
            int i => Utf8Formatter.TryFormat(i, span, out var n) ? n : -1,
            long l => Utf8Formatter.TryFormat(l, span, out var n) ? n : -1,
            uint u => Utf8Formatter.TryFormat(u, span, out var n) ? n : -1,
            _ => -1,
        };
        if (ok < 0)
            throw new InvalidOperationException($"not a {Type.Name} value: {value.GetType().Name}");
        output.Advance(ok);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(8);
        switch (value)
        {
            case short s: BinaryPrimitives.WriteInt16BigEndian(span, s); output.Advance(2); break;
            case int i: BinaryPrimitives.WriteInt32BigEndian(span, i); output.Advance(4); break;
            case uint u: BinaryPrimitives.WriteUInt32BigEndian(span, u); output.Advance(4); break;
            case long l: BinaryPrimitives.WriteInt64BigEndian(span, l); output.Advance(8); break;
            default: throw new InvalidOperationException($"not a {Type.Name} value: {value.GetType().Name}");
        }
    }

    public override object Coerce(object value, int modifier)
    {
        long n;
        switch (value)
        {
            case short s: n = s; break;
            case int i: n = i; break;
            case long l: n = l; break;
            case uint u: n = u; break;
            case bool b: n = b ? 1 : 0; break;
            case double d:
                var rounded = Math.Round(d, MidpointRounding.ToEven);
                if (double.IsNaN(d) || rounded < min || rounded > max)
                    throw OutOfRangeShort();
                n = (long)rounded;
                break;
            default: return base.Coerce(value, modifier);
        }
        if (n < min || n > max)
            throw OutOfRangeShort();
        return Box(n);
    }

    /// <summary>The canonical boxed value; each arm is cast to object so the switch does not widen them all to long.</summary>
    private object Box(long value) => Type.Length switch
    {
        2 => (object)(short)value,
        4 when Type == PgTypeCatalog.Oid => (object)(uint)value,
        4 => (object)(int)value,
        _ => (object)value,
    };

    private PgErrorException OutOfRange(string text) =>
        new(SqlState.NumericValueOutOfRange, $"value \"{text}\" is out of range for type {TypeName}");

    private PgErrorException OutOfRangeShort() =>
        new(SqlState.NumericValueOutOfRange, $"{TypeName} out of range");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Type.Name} codec");
}

using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// How canonical values (see <see cref="IPgCodec"/>) are stored in SQLite so that they round-trip exactly:
/// integers and bool as INTEGER, floats as REAL (NaN, which SQLite turns into NULL, as the text <c>NaN</c>),
/// bytea as BLOB, and everything else as TEXT in PostgreSQL's canonical output form.
/// </summary>
internal static class SqliteValues
{
    /// <summary>The SQLite column type (and so affinity) a PostgreSQL type is stored with.</summary>
    public static string StorageType(PgType type)
    {
        if (type == PgTypeCatalog.Bool || type == PgTypeCatalog.Int2 || type == PgTypeCatalog.Int4
            || type == PgTypeCatalog.Int8 || type == PgTypeCatalog.Oid)
            return "INTEGER";
        if (type == PgTypeCatalog.Float4 || type == PgTypeCatalog.Float8)
            return "REAL";
        if (type == PgTypeCatalog.Bytea)
            return "BLOB";
        // numeric sorts and compares by value through the pgnumeric collation; ISO date/time text sorts as text.
        return type == PgTypeCatalog.Numeric ? "TEXT COLLATE pgnumeric" : "TEXT";
    }

    /// <summary>Canonical value → what is bound or stored.</summary>
    public static object ToStorage(object canonical) => canonical switch
    {
        bool b => b ? 1L : 0L,
        short s => (long)s,
        int i => (long)i,
        long l => l,
        uint u => (long)u,
        float f => float.IsNaN(f) ? "NaN" : (double)f,
        double d => double.IsNaN(d) ? "NaN" : d,
        byte[] bytes => bytes,
        string s => s,
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(canonical, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>
    /// Any SQLite value → the canonical value of <paramref name="target"/>, with PostgreSQL's checks
    /// (range, length, input syntax): what an assignment to a column of that type does.
    /// </summary>
    public static object ToCanonical(object value, PgTypeRef target, PgFormatSettings settings)
    {
        var type = target.Type;
        if (value is string text)
            return Parse(text, target, settings);
        if (type == PgTypeCatalog.Bool)
        {
            return value switch
            {
                long l => l != 0,
                double d => d != 0,
                _ => Parse(AsText(value), target, settings),
            };
        }
        if (type == PgTypeCatalog.Int2 || type == PgTypeCatalog.Int4 || type == PgTypeCatalog.Int8 || type == PgTypeCatalog.Oid)
        {
            long l;
            if (value is long li)
            {
                l = li;
            }
            else if (value is double d)
            {
                // float → integer rounds half to even (PostgreSQL uses rint(), src/backend/utils/adt/int8.c).
                var r = Math.Round(d, MidpointRounding.ToEven);
                if (double.IsNaN(r) || r < long.MinValue || r >= 9223372036854775808.0)
                    throw OutOfRange(type);
                l = (long)r;
            }
            else
            {
                return Parse(AsText(value), target, settings);
            }
            return IntegerOf(l, type);
        }
        if (type == PgTypeCatalog.Float4)
            return value is long l4 ? (float)l4 : value is double d4 ? (float)d4 : Parse(AsText(value), target, settings);
        if (type == PgTypeCatalog.Float8)
            return value is long l8 ? (double)l8 : value is double d8 ? d8 : Parse(AsText(value), target, settings);
        if (type == PgTypeCatalog.Bytea && value is byte[] blob)
            return blob;
        return Parse(AsText(value), target, settings);
    }

    /// <summary>A stored SQLite value → the canonical value of a result column of type <paramref name="type"/>.</summary>
    public static object FromStorage(object stored, PgTypeRef type, PgFormatSettings settings)
    {
        var t = type.Type;
        if (t == PgTypeCatalog.Bool)
            return stored is long l ? l != 0 : stored is double d ? d != 0 : ToCanonical(stored, type, settings);
        if (t == PgTypeCatalog.Int2 || t == PgTypeCatalog.Int4 || t == PgTypeCatalog.Int8 || t == PgTypeCatalog.Oid)
            return stored is long l ? IntegerOf(l, t) : ToCanonical(stored, type, settings);
        if (t == PgTypeCatalog.Float4)
            return stored is double d ? (float)d : stored is long l ? (float)l : ToCanonical(stored, type, settings);
        if (t == PgTypeCatalog.Float8)
            return stored is double d ? d : stored is long l ? (double)l : ToCanonical(stored, type, settings);
        if (t == PgTypeCatalog.Bytea)
            return stored is byte[] b ? b : Encoding.UTF8.GetBytes(AsText(stored));
        return stored is string s ? s : AsText(stored);
    }

    /// <summary>The PostgreSQL type a value of unknown origin is reported as (by its SQLite storage class).</summary>
    public static PgType InferType(object? value) => value switch
    {
        long => PgTypeCatalog.Int8,
        double => PgTypeCatalog.Float8,
        byte[] => PgTypeCatalog.Bytea,
        _ => PgTypeCatalog.Text,
    };

    public static string AsText(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity"
            : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString("R", CultureInfo.InvariantCulture),
        byte[] b => Encoding.UTF8.GetString(b),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static object Parse(string text, PgTypeRef target, PgFormatSettings settings) =>
        PgCodecs.For(target.Type).ParseText(Encoding.UTF8.GetBytes(text), target.Modifier, settings);

    private static object IntegerOf(long l, PgType type)
    {
        if (type == PgTypeCatalog.Int2)
            return l is >= short.MinValue and <= short.MaxValue ? (short)l : throw OutOfRange(type);
        if (type == PgTypeCatalog.Int4)
            return l is >= int.MinValue and <= int.MaxValue ? (int)l : throw OutOfRange(type);
        if (type == PgTypeCatalog.Oid)
            return l is >= 0 and <= uint.MaxValue ? (uint)l : throw OutOfRange(type);
        return l;
    }

    /// <summary>The messages of src/backend/utils/adt/int.c, int8.c and oid.c.</summary>
    private static PgErrorException OutOfRange(PgType type) => new(SqlState.NumericValueOutOfRange,
        type == PgTypeCatalog.Int2 ? "smallint out of range"
        : type == PgTypeCatalog.Int4 ? "integer out of range"
        : type == PgTypeCatalog.Oid ? "OID out of range"
        : "bigint out of range");
}

using System.Globalization;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// How canonical values (see <see cref="IPgCodec"/>) are kept in SQLite and read back: integers and
/// booleans as INTEGER, floats as REAL (NaN and -0 as text, which SQLite would otherwise turn into
/// NULL and 0), bytea as BLOB, everything else as the canonical text, so values round-trip exactly.
/// </summary>
internal static class StorageValues
{
    private const string NegativeZero = "negative-zero";

    /// <summary>The SQLite column type that gives a PostgreSQL type the right affinity.</summary>
    public static string Affinity(PgType type)
    {
        if (type.IsArray)
            return "TEXT";
        if (type == PgTypeCatalog.Int2 || type == PgTypeCatalog.Int4 || type == PgTypeCatalog.Int8 ||
            type == PgTypeCatalog.Oid || type == PgTypeCatalog.Bool)
            return "INTEGER";
        if (type == PgTypeCatalog.Float4 || type == PgTypeCatalog.Float8)
            return "REAL";
        if (type == PgTypeCatalog.Bytea)
            return "BLOB";
        return "TEXT";
    }

    public static object? ToStorage(object? canonical) => canonical switch
    {
        null => null,
        bool b => b ? 1L : 0L,
        short s => (long)s,
        int i => (long)i,
        uint u => (long)u,
        // A zero-length blob comes back from SQLite as NULL; an empty bytea is kept as empty text instead.
        byte[] { Length: 0 } => "",
        float f when float.IsNaN(f) => "NaN",
        double d when double.IsNaN(d) => "NaN",
        // SQLite keeps an integral REAL as an integer and converts numeric-looking text in a REAL column,
        // so negative zero is kept as a word it leaves alone.
        float f when f == 0 && float.IsNegative(f) => NegativeZero,
        double d when d == 0 && double.IsNegative(d) => NegativeZero,
        float f => (double)f,
        _ => canonical,
    };

    /// <summary>A value read from SQLite, as the canonical value of <paramref name="type"/>.</summary>
    public static object? FromStorage(object? stored, PgType type)
    {
        if (stored is null or DBNull)
            return null;
        if (type == PgTypeCatalog.Bool)
            return stored is long l ? l != 0 : PgCodecs.For(type).Coerce(stored, -1);
        if (type == PgTypeCatalog.Int4)
            return stored is long i4 && i4 is >= int.MinValue and <= int.MaxValue ? (int)i4 : PgCodecs.For(type).Coerce(stored, -1);
        if (type == PgTypeCatalog.Int8)
            return stored is long i8 ? i8 : PgCodecs.For(type).Coerce(stored, -1);
        if (type == PgTypeCatalog.Int2)
            return stored is long i2 && i2 is >= short.MinValue and <= short.MaxValue ? (short)i2 : PgCodecs.For(type).Coerce(stored, -1);
        if (type == PgTypeCatalog.Float8 || type == PgTypeCatalog.Float4)
        {
            var d = stored switch
            {
                double x => x,
                long x => x,
                NegativeZero => -0.0,
                string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => Convert.ToDouble(stored, CultureInfo.InvariantCulture),
            };
            return type == PgTypeCatalog.Float4 ? (object)(float)d : d;
        }
        if (type == PgTypeCatalog.Bytea)
            return stored switch
            {
                byte[] bytes => bytes,
                "" => Array.Empty<byte>(),
                _ => PgCodecs.For(type).Coerce(stored, -1),
            };
        if (stored is string s2)
            return s2;
        return PgCodecs.For(type).Coerce(stored, -1);
    }

    /// <summary>The PostgreSQL type of a value SQLite computed with no better clue.</summary>
    public static PgType TypeOfStored(object? stored) => stored switch
    {
        long => PgTypeCatalog.Int8,
        double => PgTypeCatalog.Float8,
        byte[] => PgTypeCatalog.Bytea,
        _ => PgTypeCatalog.Text,
    };
}

using System.Globalization;
using System.Text.RegularExpressions;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// PostgreSQL column types as IRIS column types (DDL text for CREATE TABLE) and IRIS column types, as a
/// data reader names them, as PostgreSQL types.
/// </summary>
/// <remarks>
/// IRIS DDL types and the classes they map to are listed in InterSystems SQL Reference, "Data Types"
/// (RSQL_datatype). Choices that matter:
/// <list type="bullet">
/// <item>A bare <c>VARCHAR</c> in IRIS is <c>%Library.String(MAXLEN=1)</c>, so a length is always written;
/// text without a length limit (text, json, jsonb, xml, arrays, unlimited varchar) is <c>LONGVARCHAR</c>,
/// a character stream (%Stream.GlobalCharacter), and bytea is <c>LONGVARBINARY</c> (%Stream.GlobalBinary).</item>
/// <item>IRIS numbers are decimal with about 18 significant digits, so numeric(p,s) with p ≤ 18 is
/// <c>NUMERIC(p,s)</c> and anything wider (or numeric without a precision) is kept exactly as its text.</item>
/// <item>timestamptz has no IRIS counterpart: it is stored as <c>TIMESTAMP</c> holding UTC, which is
/// how the canonical value already reads (<c>+00</c>), and read back with <c>+00</c> added.</item>
/// <item>uuid is <c>VARCHAR(36)</c>, interval and the network types are their text.</item>
/// <item>A column declared <c>vector(n)</c> (pgvector's spelling, which the type catalogue does not
/// hold) is <c>VECTOR(DOUBLE, n)</c>, bound through <c>TO_VECTOR(?, DOUBLE)</c> (RSQL_tovector).</item>
/// </list>
/// </remarks>
public static partial class IrisTypeMapping
{
    /// <summary>Largest numeric precision stored as IRIS NUMERIC; wider values are kept as text.</summary>
    public const int MaxNumericPrecision = 18;

    /// <summary>The IRIS column type text for <c>vector(n)</c> columns.</summary>
    public static string VectorColumnType(int dimensions)
    {
        if (dimensions < 1)
            throw new ArgumentOutOfRangeException(nameof(dimensions), "a vector has at least one dimension");
        return string.Create(CultureInfo.InvariantCulture, $"VECTOR(DOUBLE, {dimensions})");
    }

    /// <summary>How a parameter for a vector column is written in SQL, so text like <c>[1,2,3]</c> becomes a vector.</summary>
    public const string VectorParameter = "TO_VECTOR(?, DOUBLE)";

    /// <summary>Recognises pgvector's <c>vector(n)</c> spelling (any letter case, spaces allowed).</summary>
    public static bool TryParseVector(string postgresTypeName, out int dimensions)
    {
        var m = VectorSyntax().Match(postgresTypeName);
        dimensions = 0;
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out dimensions) && dimensions > 0;
    }

    /// <summary>
    /// The IRIS column type for a type written as in PostgreSQL's CREATE TABLE: <c>vector(n)</c> or any
    /// name <see cref="PgTypeNames.Parse"/> understands (which throws 42704 for unknown names).
    /// </summary>
    public static string ToIrisColumnType(string postgresTypeName) =>
        TryParseVector(postgresTypeName, out var dimensions)
            ? VectorColumnType(dimensions)
            : ToIrisColumnType(PgTypeNames.Parse(postgresTypeName));

    /// <summary>The IRIS column type for a PostgreSQL type with its modifier.</summary>
    public static string ToIrisColumnType(PgTypeRef type)
    {
        var t = type.Type;
        var m = type.Modifier;
        if (t.IsArray)
            return "LONGVARCHAR";
        if (t == PgTypeCatalog.Bool)
            return "BIT";
        if (t == PgTypeCatalog.Int2)
            return "SMALLINT";
        if (t == PgTypeCatalog.Int4)
            return "INTEGER";
        if (t == PgTypeCatalog.Int8 || t == PgTypeCatalog.Oid)
            return "BIGINT";
        if (t == PgTypeCatalog.Numeric)
        {
            if (StoresNumericAsText(type))
                return "VARCHAR(1000)";
            var (precision, scale) = NumericPrecisionScale(m);
            return Invariant($"NUMERIC({precision},{scale})");
        }
        if (t == PgTypeCatalog.Float4)
            return "REAL";
        if (t == PgTypeCatalog.Float8)
            return "DOUBLE";
        if (t == PgTypeCatalog.Varchar)
            return m >= 4 ? Invariant($"VARCHAR({m - 4})") : "LONGVARCHAR";
        if (t == PgTypeCatalog.Bpchar)
            return m >= 4 ? Invariant($"CHAR({m - 4})") : "LONGVARCHAR";
        if (t == PgTypeCatalog.Char)
            return "CHAR(1)";
        if (t == PgTypeCatalog.Name)
            return "VARCHAR(63)";
        if (t == PgTypeCatalog.Bytea)
            return "LONGVARBINARY";
        if (t == PgTypeCatalog.Date)
            return "DATE";
        if (t == PgTypeCatalog.Time)
            return Invariant($"TIME({(m >= 0 ? m : 6)})");
        if (t == PgTypeCatalog.Timestamp || t == PgTypeCatalog.TimestampTz)
            return "TIMESTAMP";
        if (t == PgTypeCatalog.Uuid)
            return "VARCHAR(36)";
        if (t == PgTypeCatalog.Interval || t == PgTypeCatalog.TimeTz || t == PgTypeCatalog.Money ||
            t == PgTypeCatalog.Inet || t == PgTypeCatalog.Cidr || t == PgTypeCatalog.MacAddr)
            return "VARCHAR(255)";
        if ((t == PgTypeCatalog.Bit || t == PgTypeCatalog.Varbit) && m > 0)
            return Invariant($"VARCHAR({m})");
        return "LONGVARCHAR";
    }

    /// <summary>Whether a numeric column is kept as its exact text because IRIS NUMERIC cannot hold it.</summary>
    public static bool StoresNumericAsText(PgTypeRef type)
    {
        if (type.Type != PgTypeCatalog.Numeric || type.Modifier < 4)
            return type.Type == PgTypeCatalog.Numeric;
        var (precision, scale) = NumericPrecisionScale(type.Modifier);
        return precision > MaxNumericPrecision || scale < 0 || scale > precision;
    }

    /// <summary>Whether the IRIS column for <paramref name="type"/> is a stream (LONGVARCHAR or LONGVARBINARY).</summary>
    public static bool IsStream(PgTypeRef type) => ToIrisColumnType(type).StartsWith("LONG", StringComparison.Ordinal);

    /// <summary>
    /// The PostgreSQL type for an IRIS column as a data reader reports it (DbDataReader.GetDataTypeName,
    /// the xDBC names of RSQL_datatype's "Data Types Exposed by ODBC / JDBC"), with the length, precision
    /// and scale the schema table gives (-1 when unknown). Unknown names read as text.
    /// </summary>
    public static PgTypeRef FromIrisColumnType(string irisTypeName, int length = -1, int precision = -1, int scale = -1)
    {
        var name = irisTypeName.Trim().ToUpperInvariant();
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
            name = name[..paren].TrimEnd();
        return name switch
        {
            "BIT" or "BOOLEAN" => new PgTypeRef(PgTypeCatalog.Bool),
            "TINYINT" or "SMALLINT" => new PgTypeRef(PgTypeCatalog.Int2),
            "INTEGER" or "INT" => new PgTypeRef(PgTypeCatalog.Int4),
            "BIGINT" => new PgTypeRef(PgTypeCatalog.Int8),
            "NUMERIC" or "DECIMAL" or "MONEY" => precision is >= 1 and <= 1000 && scale >= 0 && scale <= precision
                ? new PgTypeRef(PgTypeCatalog.Numeric, ((precision << 16) | scale) + 4)
                : new PgTypeRef(PgTypeCatalog.Numeric),
            "DOUBLE" or "DOUBLE PRECISION" or "FLOAT" => new PgTypeRef(PgTypeCatalog.Float8),
            "REAL" => new PgTypeRef(PgTypeCatalog.Float4),
            "CHAR" or "CHARACTER" => length > 0 ? new PgTypeRef(PgTypeCatalog.Bpchar, length + 4) : new PgTypeRef(PgTypeCatalog.Text),
            "VARCHAR" or "CHARACTER VARYING" or "NVARCHAR" or "WVARCHAR" =>
                length is > 0 and <= 10485760 ? new PgTypeRef(PgTypeCatalog.Varchar, length + 4) : new PgTypeRef(PgTypeCatalog.Text),
            "LONGVARCHAR" or "WLONGVARCHAR" or "CLOB" or "LONG VARCHAR" => new PgTypeRef(PgTypeCatalog.Text),
            "BINARY" or "VARBINARY" or "LONGVARBINARY" or "BLOB" or "LONG VARBINARY" => new PgTypeRef(PgTypeCatalog.Bytea),
            "DATE" => new PgTypeRef(PgTypeCatalog.Date),
            "TIME" => new PgTypeRef(PgTypeCatalog.Time),
            "TIMESTAMP" or "DATETIME" or "POSIXTIME" or "SMALLDATETIME" => new PgTypeRef(PgTypeCatalog.Timestamp),
            "GUID" or "UNIQUEIDENTIFIER" => new PgTypeRef(PgTypeCatalog.Uuid),
            _ => new PgTypeRef(PgTypeCatalog.Text),
        };
    }

    internal static (int Precision, int Scale) NumericPrecisionScale(int modifier)
    {
        var p = ((modifier - 4) >> 16) & 0xFFFF;
        var s = (int)(short)((modifier - 4) & 0xFFFF);
        // PgTypeNames packs a negative scale in 11 bits; sign-extend it as PostgreSQL's numeric_typmod_scale does.
        if (s > 1000)
            s = ((s ^ 1024) - 1024);
        return (p, s);
    }

    [GeneratedRegex(@"^\s*(?:public\.)?vector\s*\(\s*(\d{1,6})\s*\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VectorSyntax();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

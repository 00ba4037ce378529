using System.Globalization;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Canonical values (see <see cref="IPgCodec"/>) as ADO.NET parameter values for IRIS, and values an IRIS
/// data reader returns as canonical values.
/// </summary>
/// <remarks>
/// <para>NULL and '' stay apart: NULL is sent as <see cref="DBNull"/>, '' as an empty string. IRIS keeps
/// them apart too: SQL NULL is stored as ObjectScript's "" and the SQL empty string as $CHAR(0)
/// (InterSystems FAQ "NULL data and the empty string ('') are different data", community.intersystems.com;
/// InterSystems SQL Reference, "NULL and the Empty String"). A lone $CHAR(0) a reader hands back is read as ''.</para>
/// <para>Dates and times go as the ODBC text IRIS's ODBC select mode reads (<c>YYYY-MM-DD</c>,
/// <c>HH:MM:SS.ffffff</c>, <c>YYYY-MM-DD HH:MM:SS.ffffff</c>); PostgreSQL's own output is already that
/// text, so nothing is reformatted. IRIS %Date has no infinity, no BC dates and no year after 9999, and
/// %Time no 24:00:00: those are refused with 22008. timestamptz goes as its UTC wall time.</para>
/// <para>NaN and ±Infinity are refused with 22003: IRIS SQL numbers are decimal, and IEEE special values
/// exist only as $DOUBLE (ObjectScript Reference, "$DOUBLE"), which SQL DOUBLE columns do not accept by
/// default.</para>
/// </remarks>
public static class IrisValueConverter
{
    /// <summary>
    /// The parameter value for a canonical value of <paramref name="type"/>. <paramref name="vectorDimensions"/>
    /// is the n of a <c>vector(n)</c> column (0 otherwise); its text is checked for that many numbers.
    /// </summary>
    public static object ToParameter(object? canonical, PgTypeRef type, int vectorDimensions = 0)
    {
        switch (canonical)
        {
            case null:
                return DBNull.Value;
            case bool b:
                return b ? 1 : 0;
            case short or int or long or byte[]:
                return canonical;
            case uint u:
                return (long)u;
            case float f:
                return float.IsFinite(f) ? (double)f : throw NotFinite(FloatText(f), "REAL");
            case double d:
                return double.IsFinite(d) ? d : throw NotFinite(FloatText(d), "DOUBLE");
            case string s:
                return StringParameter(s, type, vectorDimensions);
            default:
                throw new ArgumentException($"{canonical.GetType().Name} is not a canonical value", nameof(canonical));
        }
    }

    private static object StringParameter(string s, PgTypeRef type, int vectorDimensions)
    {
        if (vectorDimensions > 0)
        {
            CheckVector(s, vectorDimensions);
            return s;
        }
        var t = type.Type;
        if (t == PgTypeCatalog.Date)
            return CheckDate(s, s, "date");
        if (t == PgTypeCatalog.Timestamp)
            return CheckDate(s, s, "timestamp");
        if (t == PgTypeCatalog.TimestampTz)
            return CheckDate(s, UtcWallTime(s), "timestamp with time zone");
        if (t == PgTypeCatalog.Time)
        {
            if (s.StartsWith("24:", StringComparison.Ordinal))
                throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"time out of range for IRIS: \"{s}\"",
                    detail: "IRIS TIME values end at 23:59:59.999999.");
            return s;
        }
        if (t == PgTypeCatalog.Numeric && !IrisTypeMapping.StoresNumericAsText(type))
        {
            if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw NotFinite(s, "NUMERIC");
            return value;
        }
        return s;
    }

    /// <summary>
    /// The canonical value of <paramref name="type"/> for what an IRIS data reader returned
    /// (<see cref="DBNull"/> and null are SQL NULL).
    /// </summary>
    public static object? FromReader(object? value, PgTypeRef type)
    {
        if (value is null or DBNull)
            return null;
        var t = type.Type;
        var ci = CultureInfo.InvariantCulture;
        if (t == PgTypeCatalog.Bool)
            return value switch
            {
                bool b => b,
                string s => s is "1" or "true" or "TRUE",
                _ => Convert.ToInt64(value, ci) != 0,
            };
        if (t == PgTypeCatalog.Int2)
            return Convert.ToInt16(value, ci);
        if (t == PgTypeCatalog.Int4)
            return Convert.ToInt32(value, ci);
        if (t == PgTypeCatalog.Int8)
            return Convert.ToInt64(value, ci);
        if (t == PgTypeCatalog.Oid)
            return Convert.ToUInt32(value, ci);
        if (t == PgTypeCatalog.Float4)
            return Convert.ToSingle(value, ci);
        if (t == PgTypeCatalog.Float8)
            return Convert.ToDouble(value, ci);
        if (t == PgTypeCatalog.Bytea)
            return value as byte[] ?? throw new InvalidCastException($"IRIS returned {value.GetType().Name} for a bytea column");
        if (t == PgTypeCatalog.Date)
            return value switch
            {
                DateTime dt => dt.ToString("yyyy-MM-dd", ci),
                DateOnly d => d.ToString("yyyy-MM-dd", ci),
                _ => Convert.ToString(value, ci)!,
            };
        if (t == PgTypeCatalog.Time)
            return value switch
            {
                TimeSpan ts => FormatTime(ts),
                DateTime dt => FormatTime(dt.TimeOfDay),
                TimeOnly to => FormatTime(to.ToTimeSpan()),
                _ => Convert.ToString(value, ci)!,
            };
        if (t == PgTypeCatalog.Timestamp || t == PgTypeCatalog.TimestampTz)
        {
            var text = value is DateTime dt
                ? dt.ToString("yyyy-MM-dd ", ci) + FormatTime(dt.TimeOfDay)
                : Convert.ToString(value, ci)!;
            return t == PgTypeCatalog.TimestampTz ? text + "+00" : text;
        }
        if (t == PgTypeCatalog.Numeric && value is decimal m)
        {
            if (type.Modifier >= 4)
            {
                var (_, scale) = IrisTypeMapping.NumericPrecisionScale(type.Modifier);
                if (scale >= 0)
                    return m.ToString("F" + scale.ToString(ci), ci);
            }
            return m.ToString(ci);
        }
        if (t == PgTypeCatalog.Uuid && value is Guid g)
            return g.ToString("D");
        var str = Convert.ToString(value, ci)!;
        // $CHAR(0) is how IRIS stores the SQL empty string; should a reader hand it over raw, it is ''.
        return str == "\0" ? "" : str;
    }

    /// <summary>PostgreSQL's time output: HH:MM:SS and the fraction without trailing zeros.</summary>
    internal static string FormatTime(TimeSpan t)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new TimeSpan(t.Hours, t.Minutes, t.Seconds).ToString("hh\\:mm\\:ss", ci);
        var micros = (t.Ticks % TimeSpan.TicksPerSecond) / 10;
        return micros == 0 ? text : text + "." + micros.ToString("D6", ci).TrimEnd('0');
    }

    private static string CheckDate(string canonical, string sent, string typeName)
    {
        var dash = canonical.IndexOf('-', StringComparison.Ordinal);
        if (canonical.EndsWith(" BC", StringComparison.Ordinal) || canonical.Contains("infinity", StringComparison.Ordinal) || dash != 4)
            throw new PgErrorException(SqlState.DatetimeFieldOverflow, $"{typeName} out of range for IRIS: \"{canonical}\"",
                detail: "IRIS dates run from year 1 to 9999 and have no infinity.");
        return sent;
    }

    private static string UtcWallTime(string canonical)
    {
        if (canonical.EndsWith("+00", StringComparison.Ordinal))
            return canonical[..^3];
        // The canonical form is UTC; anything else is converted rather than stored with the wrong offset.
        if (DateTimeOffset.TryParse(canonical, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
        {
            var utc = dto.UtcDateTime;
            return utc.ToString("yyyy-MM-dd ", CultureInfo.InvariantCulture) + FormatTime(utc.TimeOfDay);
        }
        return canonical;
    }

    private static void CheckVector(string text, int dimensions)
    {
        var body = text.AsSpan().Trim();
        if (body.Length >= 2 && body[0] == '[' && body[^1] == ']')
            body = body[1..^1];
        var count = 0;
        foreach (var range in body.Split(','))
        {
            var element = body[range].Trim();
            if (!double.TryParse(element, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw new PgErrorException(SqlState.InvalidTextRepresentation, $"invalid input syntax for type vector: \"{text}\"");
            count++;
        }
        if (count != dimensions)
            throw new PgErrorException(SqlState.DataException,
                string.Create(CultureInfo.InvariantCulture, $"expected {dimensions} dimensions, not {count}"));
    }

    private static string FloatText(double d) => double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";

    private static PgErrorException NotFinite(string text, string irisType) =>
        new(SqlState.NumericValueOutOfRange, $"value \"{text}\" cannot be stored in IRIS type {irisType}",
            detail: "IRIS SQL numbers have no NaN or infinity.");
}

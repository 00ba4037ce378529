using System.Data.Common;
using System.Globalization;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Table descriptions from IRIS's INFORMATION_SCHEMA (the SQL standard's views, which IRIS provides:
/// InterSystems SQL Reference, "INFORMATION_SCHEMA"; columns TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME,
/// ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE).
/// Names are compared in upper case: IRIS identifiers are not case-sensitive.
/// </summary>
internal static class IrisCatalogSql
{
    public const string Columns =
        "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT " +
        "FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_SCHEMA) = UPPER(?) AND UPPER(TABLE_NAME) = UPPER(?) ORDER BY ORDINAL_POSITION";

    public const string TableExists =
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_SCHEMA) = UPPER(?) AND UPPER(TABLE_NAME) = UPPER(?)";

    /// <summary>One row of <see cref="Columns"/> as a column definition with its PostgreSQL type.</summary>
    public static ColumnDefinition Column(DbDataReader reader, short number)
    {
        var name = reader.GetString(0);
        var type = IrisTypeMapping.FromIrisColumnType(reader.GetString(1), Int(reader, 2), Int(reader, 3), Int(reader, 4));
        var nullable = reader.IsDBNull(5) || !string.Equals(reader.GetString(5), "NO", StringComparison.OrdinalIgnoreCase);
        return new ColumnDefinition(name, type, number, !nullable, !reader.IsDBNull(6));
    }

    private static int Int(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? -1 : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

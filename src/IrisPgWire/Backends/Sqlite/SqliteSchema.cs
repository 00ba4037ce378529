using IrisPgWire.Errors;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// The PostgreSQL view of the store's tables, kept in two metadata tables beside the data and changed in
/// the same transaction as the DDL, so a rolled-back CREATE TABLE leaves no trace.
/// </summary>
internal static class SqliteSchema
{
    public const string TablesTable = "__pgwire_tables";
    public const string ColumnsTable = "__pgwire_columns";

    /// <summary>User tables get OIDs from here up, as PostgreSQL's FirstNormalObjectId.</summary>
    public const long FirstTableOid = 16384;

    public static readonly string CreateMetadata = $"""
        CREATE TABLE IF NOT EXISTS {TablesTable} (
            oid INTEGER PRIMARY KEY, schema_name TEXT NOT NULL, table_name TEXT NOT NULL, UNIQUE (schema_name, table_name));
        CREATE TABLE IF NOT EXISTS {ColumnsTable} (
            table_oid INTEGER NOT NULL, attnum INTEGER NOT NULL, column_name TEXT NOT NULL, type_oid INTEGER NOT NULL,
            typmod INTEGER NOT NULL, not_null INTEGER NOT NULL, has_default INTEGER NOT NULL, PRIMARY KEY (table_oid, attnum));
        """;

    public static TableDefinition? Find(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT t.oid, c.attnum, c.column_name, c.type_oid, c.typmod, c.not_null, c.has_default
            FROM {TablesTable} t JOIN {ColumnsTable} c ON c.table_oid = t.oid
            WHERE t.schema_name = 'public' AND t.table_name = $name ORDER BY c.attnum
            """;
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        var columns = new List<ColumnDefinition>();
        long oid = 0;
        while (reader.Read())
        {
            oid = reader.GetInt64(0);
            var type = PgTypeCatalog.TryGetByOid((uint)reader.GetInt64(3), out var t) ? t : PgTypeCatalog.Text;
            columns.Add(new ColumnDefinition(reader.GetString(2), new PgTypeRef(type, reader.GetInt32(4)), (short)reader.GetInt32(1),
                reader.GetInt64(5) != 0, reader.GetInt64(6) != 0));
        }
        return columns.Count == 0 ? null : new TableDefinition("public", name, (uint)oid, columns);
    }

    public static TableDefinition Get(SqliteConnection connection, string name) =>
        Find(connection, name) ?? throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{name}\" does not exist");

    public static void Add(SqliteConnection connection, string name, IReadOnlyList<ColumnDefinition> columns)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {TablesTable} (oid, schema_name, table_name) VALUES " +
                             $"(max({FirstTableOid}, (SELECT coalesce(max(oid), 0) + 1 FROM {TablesTable})), 'public', $name) RETURNING oid";
        insert.Parameters.AddWithValue("$name", name);
        var oid = (long)insert.ExecuteScalar()!;
        foreach (var column in columns)
        {
            using var add = connection.CreateCommand();
            add.CommandText = $"INSERT INTO {ColumnsTable} VALUES ($oid, $num, $name, $type, $mod, $nn, $def)";
            add.Parameters.AddWithValue("$oid", oid);
            add.Parameters.AddWithValue("$num", (long)column.Number);
            add.Parameters.AddWithValue("$name", column.Name);
            add.Parameters.AddWithValue("$type", (long)column.Type.Oid);
            add.Parameters.AddWithValue("$mod", (long)column.Type.Modifier);
            add.Parameters.AddWithValue("$nn", column.NotNull ? 1L : 0L);
            add.Parameters.AddWithValue("$def", column.HasDefault ? 1L : 0L);
            add.ExecuteNonQuery();
        }
    }

    public static void Remove(SqliteConnection connection, uint oid)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {ColumnsTable} WHERE table_oid = $oid; DELETE FROM {TablesTable} WHERE oid = $oid";
        command.Parameters.AddWithValue("$oid", (long)oid);
        command.ExecuteNonQuery();
    }

    /// <summary>The column that a result column named <paramref name="column"/> of table <paramref name="table"/> comes from.</summary>
    public static (TableDefinition Table, ColumnDefinition Column)? Origin(SqliteConnection connection, string? table, string? column)
    {
        if (table is null || column is null)
            return null;
        var definition = Find(connection, table);
        var found = definition?.Find(column);
        return found is null ? null : (definition!, found);
    }
}

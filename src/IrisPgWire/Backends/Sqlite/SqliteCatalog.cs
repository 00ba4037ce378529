using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// The server's own catalogue, kept in the same database so that it changes in the same transaction as
/// the DDL it describes (a rolled-back CREATE TABLE leaves no entry behind).
/// </summary>
internal static class SqliteCatalog
{
    public const string TablesTable = "__pgwire_tables";
    public const string ColumnsTable = "__pgwire_columns";
    public const string ConstraintsTable = "__pgwire_constraints";

    /// <summary>User objects start at FirstNormalObjectId (src/include/access/transam.h).</summary>
    private const long FirstNormalObjectId = 16384;

    public static void EnsureCreated(SqliteConnection connection)
    {
        Exec(connection, $"""
            CREATE TABLE IF NOT EXISTS "{TablesTable}" (oid INTEGER PRIMARY KEY AUTOINCREMENT, schema TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (schema, name));
            CREATE TABLE IF NOT EXISTS "{ColumnsTable}" (table_oid INTEGER NOT NULL, attnum INTEGER NOT NULL, name TEXT NOT NULL, type_oid INTEGER NOT NULL, typmod INTEGER NOT NULL, not_null INTEGER NOT NULL, default_expr TEXT, is_serial INTEGER NOT NULL, PRIMARY KEY (table_oid, attnum));
            CREATE TABLE IF NOT EXISTS "{ConstraintsTable}" (table_oid INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, columns TEXT NOT NULL);
            INSERT INTO sqlite_sequence (name, seq) SELECT '{TablesTable}', {FirstNormalObjectId - 1}
              WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '{TablesTable}');
            """);
    }

    public static SqliteTableDefinition? Find(SqliteConnection connection, string schema, string name)
    {
        long oid;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT oid FROM \"{TablesTable}\" WHERE schema = @s AND name = @n";
            cmd.Parameters.AddWithValue("@s", schema);
            cmd.Parameters.AddWithValue("@n", name);
            if (cmd.ExecuteScalar() is not long found)
                return null;
            oid = found;
        }

        var columns = new List<SqliteColumnDefinition>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"SELECT attnum, name, type_oid, typmod, not_null, default_expr, is_serial FROM \"{ColumnsTable}\" WHERE table_oid = @o ORDER BY attnum";
            cmd.Parameters.AddWithValue("@o", oid);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var typeOid = (uint)reader.GetInt64(2);
                var type = PgTypeCatalog.TryGetByOid(typeOid, out var t) ? t : PgTypeCatalog.Text;
                columns.Add(new SqliteColumnDefinition(reader.GetString(1), new PgTypeRef(type, (int)reader.GetInt64(3)),
                    (short)reader.GetInt64(0), reader.GetInt64(4) != 0, reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetInt64(6) != 0));
            }
        }
        return new SqliteTableDefinition(schema, name, (uint)oid, columns);
    }

    /// <summary>Records a new table; returns its OID. Runs inside the caller's transaction.</summary>
    public static uint Insert(SqliteConnection connection, string schema, string name,
        IReadOnlyList<SqliteColumnDefinition> columns, IReadOnlyList<(string Name, string Kind, string Columns)> constraints)
    {
        long oid;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"INSERT INTO \"{TablesTable}\" (schema, name) VALUES (@s, @n) RETURNING oid";
            cmd.Parameters.AddWithValue("@s", schema);
            cmd.Parameters.AddWithValue("@n", name);
            oid = (long)cmd.ExecuteScalar()!;
        }
        foreach (var c in columns)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"INSERT INTO \"{ColumnsTable}\" VALUES (@o, @a, @n, @t, @m, @nn, @d, @s)";
            cmd.Parameters.AddWithValue("@o", oid);
            cmd.Parameters.AddWithValue("@a", (long)c.Number);
            cmd.Parameters.AddWithValue("@n", c.Name);
            cmd.Parameters.AddWithValue("@t", (long)c.Type.Oid);
            cmd.Parameters.AddWithValue("@m", (long)c.Type.Modifier);
            cmd.Parameters.AddWithValue("@nn", c.NotNull ? 1L : 0L);
            cmd.Parameters.AddWithValue("@d", (object?)c.DefaultExpression ?? DBNull.Value);
            cmd.Parameters.AddWithValue("@s", c.IsSerial ? 1L : 0L);
            cmd.ExecuteNonQuery();
        }
        foreach (var (cname, kind, cols) in constraints)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"INSERT INTO \"{ConstraintsTable}\" VALUES (@o, @n, @k, @c)";
            cmd.Parameters.AddWithValue("@o", oid);
            cmd.Parameters.AddWithValue("@n", cname);
            cmd.Parameters.AddWithValue("@k", kind);
            cmd.Parameters.AddWithValue("@c", cols);
            cmd.ExecuteNonQuery();
        }
        return (uint)oid;
    }

    public static void Delete(SqliteConnection connection, uint oid)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            DELETE FROM "{ColumnsTable}" WHERE table_oid = @o;
            DELETE FROM "{ConstraintsTable}" WHERE table_oid = @o;
            DELETE FROM "{TablesTable}" WHERE oid = @o;
            """;
        cmd.Parameters.AddWithValue("@o", (long)oid);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// The name of the unique or primary-key constraint of table <paramref name="table"/> over exactly
    /// <paramref name="columns"/> (comma-separated), for 23505 messages.
    /// </summary>
    public static string? FindUniqueConstraint(SqliteConnection connection, string table, string columns)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT c.name FROM "{ConstraintsTable}" c JOIN "{TablesTable}" t ON t.oid = c.table_oid
            WHERE t.name = @t AND c.kind IN ('p', 'u') AND c.columns = @c ORDER BY c.kind LIMIT 1
            """;
        cmd.Parameters.AddWithValue("@t", table);
        cmd.Parameters.AddWithValue("@c", columns);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>The table a named constraint belongs to.</summary>
    public static string? FindConstraintTable(SqliteConnection connection, string constraint)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT t.name FROM \"{ConstraintsTable}\" c JOIN \"{TablesTable}\" t ON t.oid = c.table_oid WHERE c.name = @n LIMIT 1";
        cmd.Parameters.AddWithValue("@n", constraint);
        return cmd.ExecuteScalar() as string;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

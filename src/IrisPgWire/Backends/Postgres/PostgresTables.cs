using IrisPgWire.Backends.Remote;
using IrisPgWire.Errors;
using IrisPgWire.Types;
using Npgsql;

namespace IrisPgWire.Backends.Postgres;

/// <summary>A table's definition read from the upstream's own catalogue.</summary>
internal static class PostgresTables
{
    /// <summary>
    /// Columns in order with their type and typmod (a domain's base type, since that is what its values
    /// are), NOT NULL, and whether the store fills the column itself (default, identity, generated).
    /// The table is found as an unqualified name would be: on the search path, or in the given schema.
    /// </summary>
    private const string ColumnsSql = """
        SELECT c.oid, n.nspname, a.attname,
               CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
               CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
               a.attnum, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull),
               a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        WHERE c.oid = pg_catalog.to_regclass($1)
        ORDER BY a.attnum
        """;

    public static async ValueTask<TableDefinition> DescribeAsync(RemoteConnection connection, string? schema, string name,
        CancellationToken cancellationToken)
    {
        if (schema is not null)
            await RequireSchemaAsync(connection, schema, cancellationToken).ConfigureAwait(false);
        var qualified = schema is null ? PostgresDialect.Quote(name) : PostgresDialect.Quote(schema) + "." + PostgresDialect.Quote(name);
        var command = (NpgsqlCommand)connection.CreateCommand(ColumnsSql);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = qualified });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                uint oid = 0;
                var tableSchema = "";
                var columns = new List<ColumnDefinition>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    oid = reader.GetFieldValue<uint>(0);
                    tableSchema = reader.GetString(1);
                    // A type this server has no codec for is handled as text, which is how it is sent and read.
                    var type = PgTypeCatalog.TryGetByOid(reader.GetFieldValue<uint>(3), out var known)
                        ? new PgTypeRef(known, reader.GetInt32(4))
                        : new PgTypeRef(PgTypeCatalog.Text);
                    columns.Add(new ColumnDefinition(reader.GetString(2), type, reader.GetInt16(5), reader.GetBoolean(6), reader.GetBoolean(7)));
                }
                if (columns.Count == 0)
                    throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{(schema is null ? name : schema + "." + name)}\" does not exist");
                return new TableDefinition(tableSchema, name, oid, columns);
            }
        }
    }

    private static async ValueTask RequireSchemaAsync(RemoteConnection connection, string schema, CancellationToken cancellationToken)
    {
        var command = (NpgsqlCommand)connection.CreateCommand("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                throw new PgErrorException(SqlState.InvalidSchemaName, $"schema \"{schema}\" does not exist");
        }
    }
}

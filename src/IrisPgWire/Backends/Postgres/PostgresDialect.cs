using System.Data;
using System.Data.Common;
using System.Text;
using IrisPgWire.Backends.Remote;
using IrisPgWire.Errors;
using IrisPgWire.Types;
using Npgsql;
using NpgsqlTypes;

namespace IrisPgWire.Backends.Postgres;

/// <summary>
/// An upstream PostgreSQL through Npgsql. Statements arrive in PostgreSQL's dialect and go through
/// unchanged; results are read in text format and parsed by this server's codecs, so every type reads
/// the same way whatever Npgsql maps it to; COPY FROM goes upstream as binary COPY.
/// </summary>
/// <remarks>
/// The upstream connection's output settings are pinned (DateStyle ISO, IntervalStyle postgres,
/// TimeZone UTC, extra_float_digits 3, bytea_output hex) so its text output is exactly what the codecs
/// read as canonical values; the client's own DateStyle, TimeZone and so on are applied by this server
/// when it prints values. SQL that depends on those settings upstream (a timestamptz literal without an
/// offset, to_char) sees the pinned ones.
/// </remarks>
public sealed class PostgresDialect : IRemoteDialect
{
    private const string PinnedOptions =
        "-c DateStyle=ISO,MDY -c IntervalStyle=postgres -c TimeZone=UTC -c extra_float_digits=3 -c bytea_output=hex";

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">Npgsql's keywords (Host, Port, Username, Password, Database ...).</param>
    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // The generic pool bounds and reuses connections; Npgsql's own would hide lost ones from it.
            Pooling = false,
            Enlist = false,
            CommandTimeout = 0,
            // DETAIL is PostgreSQL's contract ("Key (id)=(1) already exists."); Npgsql redacts it unless asked.
            IncludeErrorDetail = true,
        };
        builder.ApplicationName ??= "irispgwire";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? PinnedOptions : builder.Options + " " + PinnedOptions;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public string Name => "postgres";

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public DbCommand CreateCommand(RemoteConnection connection, string sql, IReadOnlyList<QueryParameter> parameters)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection.Connection, (NpgsqlTransaction?)connection.Transaction)
        {
            // Text results: the codecs parse PostgreSQL's own output, for every type alike.
            AllResultTypesAreUnknown = true,
            CommandTimeout = 0,
        };
        foreach (var parameter in parameters)
            command.Parameters.Add(Parameter(parameter));
        return command;
    }

    /// <summary>
    /// A positional parameter: the canonical values that are .NET primitives go with their types; the
    /// string ones go as text of unspecified type, so the upstream reads them with the type the
    /// statement gives them, as it reads an untyped literal.
    /// </summary>
    private static NpgsqlParameter Parameter(QueryParameter parameter) => parameter.Value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown },
        uint oid => new NpgsqlParameter { Value = oid, NpgsqlDbType = NpgsqlDbType.Oid },
        string text when parameter.Type.Oid != PgTypeCatalog.Text.Oid && parameter.Type.Oid != PgTypeCatalog.Varchar.Oid =>
            new NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Unknown },
        var value => new NpgsqlParameter { Value = value },
    };

    public string? SavepointStatement(SavepointAction action, string name) => action switch
    {
        SavepointAction.Create => "SAVEPOINT " + Quote(name),
        SavepointAction.Release => "RELEASE SAVEPOINT " + Quote(name),
        _ => "ROLLBACK TO SAVEPOINT " + Quote(name),
    };

    public ValueTask<TableDefinition> DescribeTableAsync(RemoteConnection connection, string? schema, string name,
        CancellationToken cancellationToken) =>
        PostgresTables.DescribeAsync(connection, schema, name, cancellationToken);

    public async ValueTask<StatementDescription> DescribeStatementAsync(RemoteConnection connection, string sql,
        IReadOnlyList<PgTypeOrUnknown> parameterTypes, CancellationToken cancellationToken)
    {
        var count = Math.Max(parameterTypes.Count, Sql.PgLexer.Tokenize(sql).Where(t => t.Kind == Sql.SqlTokenKind.Parameter)
            .Select(t => int.Parse(t.Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max());
        var types = new PgType[count];
        for (var i = 0; i < count; i++)
            types[i] = i < parameterTypes.Count && parameterTypes[i].Type is { } given ? given : PgTypeCatalog.Text;
        // SchemaOnly: Npgsql sends Parse and Describe, nothing is executed.
        var command = CreateCommand(connection, sql, [.. types.Select(t => new QueryParameter(t, null))]);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
                return new StatementDescription(types, reader.FieldCount == 0 ? null : DescribeResult(reader));
        }
    }

    public IReadOnlyList<ResultColumn> DescribeResult(DbDataReader reader)
    {
        var schema = ((NpgsqlDataReader)reader).GetColumnSchema();
        var columns = new ResultColumn[schema.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = schema[i];
            // A type this server does not know (an enum, a domain's own OID ...) is passed on as text.
            var type = PgTypeCatalog.TryGetByOid(column.TypeOID, out var known) ? new PgTypeRef(known, Modifier(reader, i, known)) : new PgTypeRef(PgTypeCatalog.Text);
            columns[i] = new ResultColumn(column.ColumnName, type, column.TableOID, (short)(column.ColumnAttributeNumber ?? 0));
        }
        return columns;
    }

    /// <summary>
    /// The column's type modifier (RowDescription's atttypmod), which Npgsql shows only inside the type's
    /// display name, <c>numeric(10, 2)</c>: read back from it; -1 when it has none.
    /// </summary>
    private static int Modifier(DbDataReader reader, int ordinal, PgType type)
    {
        var name = reader.GetDataTypeName(ordinal);
        if (!name.Contains('(', StringComparison.Ordinal))
            return -1;
        try
        {
            var parsed = PgTypeNames.Parse(name);
            return parsed.Oid == type.Oid ? parsed.Modifier : -1;
        }
        catch (PgErrorException)
        {
            return -1;
        }
    }

    public object? GetValue(DbDataReader reader, int ordinal, PgTypeRef type)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        var text = reader.GetString(ordinal);
        var codec = PgCodecs.For(type.Type);
        // The upstream printed it with the settings canonical values use: for most text types that is the value.
        return codec.IsTextVerbatim(PgFormatSettings.Default) ? text : codec.ParseText(Encoding.UTF8.GetBytes(text), -1, PgFormatSettings.Default);
    }

    /// <summary>The count in the upstream's own command tag, which RecordsAffected leaves out for CREATE TABLE AS and SELECT INTO.</summary>
    public long AffectedRows(DbDataReader reader)
    {
#pragma warning disable CS0618 // Statements is the reader's only view of the command tag; the batch API would replace NpgsqlCommand throughout.
        var statements = ((NpgsqlDataReader)reader).Statements;
#pragma warning restore CS0618
        return statements.Count == 1 ? (long)statements[0].Rows : reader.RecordsAffected;
    }

    public ValueTask<IBulkRowWriter> OpenBulkWriterAsync(RemoteConnection connection, TableDefinition table,
        IReadOnlyList<ColumnDefinition> columns, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IBulkRowWriter>(new PostgresBulkWriter(connection, table, columns));

    public PgErrorException MapError(Exception exception) => PostgresErrors.Map(exception);

    public bool IsConnectionLost(Exception exception, DbConnection connection) => PostgresErrors.IsConnectionLost(exception, connection);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

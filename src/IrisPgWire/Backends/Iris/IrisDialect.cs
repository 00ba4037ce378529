using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using IrisPgWire.Backends.Remote;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// InterSystems IRIS on the generic remote backend: connections from the run-time-loaded provider
/// (<see cref="IrisProvider"/>), statements through <see cref="IrisSqlTranslator"/>, tables described from IRIS's
/// INFORMATION_SCHEMA, COPY FROM through <see cref="IrisBatchInserter"/>, errors through <see cref="IrisErrorMapper"/>.
/// </summary>
/// <remarks>
/// Written from the InterSystems documentation without an IRIS to run against: iris-probe checks the statements on
/// a real instance, and the suite under tests/.../Integration/Iris runs COPY against one when IRIS_TEST_CONNECTION is set.
/// </remarks>
public sealed class IrisDialect : IRemoteDialect
{
    private readonly DbProviderFactory _factory;
    private readonly IrisSettings _settings;

    /// <summary>vector(n) columns of the tables this server created (IRIS's catalogue does not give n back the same way).</summary>
    private readonly ConcurrentDictionary<(string Schema, string Table), IReadOnlyDictionary<string, int>> _vectors = new();

    public IrisDialect(DbProviderFactory factory, IrisSettings settings, ILogger? logger = null)
    {
        _factory = factory;
        _settings = settings;
        IrisLog.Configured(logger ?? NullLogger.Instance, settings.Redacted, IrisProbeText.StrategyName(settings.Strategy), settings.Hints.ToString());
    }

    public string Name => "iris";

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = _factory.CreateConnection() ?? throw new InvalidOperationException("the IRIS provider made no connection");
        try
        {
            connection.ConnectionString = _settings.ConnectionString;
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public DbCommand CreateCommand(RemoteConnection connection, string sql, IReadOnlyList<QueryParameter> parameters)
    {
        var statement = IrisSqlTranslator.Translate(sql);
        if (statement.Table is { } table && statement.Kind != IrisStatementKind.Plain)
        {
            // IF [NOT] EXISTS decided here: IRIS's CREATE/DROP TABLE have no such clause in the documented syntax.
            var exists = TableExists(connection, table.Schema, table.Name);
            if (exists == (statement.Kind == IrisStatementKind.CreateTableIfNotExists))
                return IrisNoOpCommand.Create(connection);
        }
        if (sql.TrimStart().StartsWith("create", StringComparison.OrdinalIgnoreCase) && statement.Table is { } created)
            RememberVectors(sql, created);
        var command = connection.CreateCommand(statement.Sql);
        foreach (var index in statement.ParameterOrder)
        {
            if (index < 0 || index >= parameters.Count)
                throw new PgErrorException(SqlState.UndefinedParameter,
                    string.Create(CultureInfo.InvariantCulture, $"there is no parameter ${index + 1}"));
            var p = command.CreateParameter();
            var value = parameters[index];
            p.Value = value.Value is null ? DBNull.Value
                : value.Type == PgTypeCatalog.Unknown ? value.Value
                : IrisValueConverter.ToParameter(value.Value, new PgTypeRef(value.Type));
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>
    /// SAVEPOINT and ROLLBACK TO SAVEPOINT as InterSystems SQL has them ("SAVEPOINT", RSQL_savepoint); it documents
    /// no RELEASE SAVEPOINT, so a release sends nothing (PostgreSQL's RELEASE only forgets the savepoint).
    /// </summary>
    public string? SavepointStatement(SavepointAction action, string name) => action switch
    {
        SavepointAction.Create => "SAVEPOINT " + IrisIdentifiers.Quote(name),
        SavepointAction.RollbackTo => "ROLLBACK TO SAVEPOINT " + IrisIdentifiers.Quote(name),
        _ => null,
    };

    public async ValueTask<TableDefinition> DescribeTableAsync(RemoteConnection connection, string? schema, string name,
        CancellationToken cancellationToken)
    {
        var pgSchema = schema ?? IrisIdentifiers.PostgresDefaultSchema;
        var command = connection.CreateCommand(IrisCatalogSql.Columns);
        await using (command.ConfigureAwait(false))
        {
            AddParameter(command, IrisIdentifiers.ToIrisSchema(pgSchema));
            AddParameter(command, name);
            var columns = new List<ColumnDefinition>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    columns.Add(IrisCatalogSql.Column(reader, (short)(columns.Count + 1)));
            }
            if (columns.Count == 0)
                throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{(schema is null ? name : schema + "." + name)}\" does not exist");
            return new TableDefinition(pgSchema, name, 0, columns);
        }
    }

    public async ValueTask<StatementDescription> DescribeStatementAsync(RemoteConnection connection, string sql,
        IReadOnlyList<PgTypeOrUnknown> parameterTypes, CancellationToken cancellationToken)
    {
        var statement = IrisSqlTranslator.Translate(sql);
        var count = Math.Max(parameterTypes.Count, statement.ParameterOrder.Length == 0 ? 0 : statement.ParameterOrder.Max() + 1);
        var types = new PgType[count];
        for (var i = 0; i < count; i++)
            types[i] = i < parameterTypes.Count && parameterTypes[i].Type is { } given ? given : PgTypeCatalog.Text;
        if (!ReturnsRows(sql))
            return new StatementDescription(types, null);
        // SchemaOnly: IRIS prepares the query and reports its columns without running it.
        var command = connection.CreateCommand(statement.Sql);
        await using (command.ConfigureAwait(false))
        {
            foreach (var _ in statement.ParameterOrder)
            {
                var p = command.CreateParameter();
                p.Value = DBNull.Value;
                command.Parameters.Add(p);
            }
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
                return new StatementDescription(types, DescribeResult(reader));
        }
    }

    public IReadOnlyList<ResultColumn> DescribeResult(DbDataReader reader)
    {
        var schema = TryColumnSchema(reader);
        var columns = new ResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var c = schema is not null && i < schema.Count ? schema[i] : null;
            var type = IrisTypeMapping.FromIrisColumnType(reader.GetDataTypeName(i), c?.ColumnSize ?? -1, c?.NumericPrecision ?? -1, c?.NumericScale ?? -1);
            columns[i] = new ResultColumn(reader.GetName(i), type);
        }
        return columns;
    }

    public object? GetValue(DbDataReader reader, int ordinal, PgTypeRef type)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        var value = reader.GetValue(ordinal);
        // LONGVARCHAR and LONGVARBINARY are streams in IRIS; a provider may hand them over as .NET streams.
        value = value switch
        {
            Stream s => ReadAll(s),
            TextReader t => t.ReadToEnd(),
            _ => value,
        };
        return IrisValueConverter.FromReader(value, type);
    }

    public ValueTask<IBulkRowWriter> OpenBulkWriterAsync(RemoteConnection connection, TableDefinition table,
        IReadOnlyList<ColumnDefinition> columns, CancellationToken cancellationToken)
    {
        _vectors.TryGetValue((table.Schema, table.Name), out var vectors);
        var writer = new IrisInsertWriter(table, columns.Select(c => c.Name).ToArray(), _settings.Hints, vectors);
        return ValueTask.FromResult<IBulkRowWriter>(new IrisBulkWriter(connection, writer, _settings.Strategy, table.Columns.Count));
    }

    public PgErrorException MapError(Exception exception) => exception switch
    {
        PgErrorException pg => pg,
        DbException db => IrisDbErrors.Map(db),
        _ => new PgErrorException(SqlState.InternalError, "IRIS provider error: " + IrisErrorMapper.Sanitize(exception.Message)),
    };

    public bool IsConnectionLost(Exception exception, DbConnection connection) =>
        connection.State is ConnectionState.Closed or ConnectionState.Broken || IrisDbErrors.IsConnectionLoss(exception);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool TableExists(RemoteConnection connection, string schema, string name)
    {
        // Synchronous: CreateCommand is, and this runs only for IF [NOT] EXISTS.
        using var command = connection.CreateCommand(IrisCatalogSql.TableExists);
        AddParameter(command, IrisIdentifiers.ToIrisSchema(schema));
        AddParameter(command, name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private void RememberVectors(string sql, (string Schema, string Name) table)
    {
        var c = new TokenCursor(sql, PgLexer.Tokenize(sql)) { Index = 2 };
        var create = IrisCreateTable.Parse(sql, c);
        if (create.VectorColumns.Count > 0)
            _vectors[table] = create.VectorColumns;
        else
            _vectors.TryRemove(table, out _);
    }

    private static bool ReturnsRows(string sql)
    {
        var tokens = PgLexer.Tokenize(sql);
        return tokens.Count > 0 && (tokens[0].IsKeyword("select") || tokens[0].IsKeyword("with") || tokens[0].IsKeyword("values") ||
                                    tokens.Any(t => t.IsKeyword("returning")));
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<DbColumn>? TryColumnSchema(DbDataReader reader)
    {
        try
        {
            return reader.GetColumnSchema();
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void AddParameter(DbCommand command, object value)
    {
        var p = command.CreateParameter();
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static byte[] ReadAll(Stream s)
    {
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }
}

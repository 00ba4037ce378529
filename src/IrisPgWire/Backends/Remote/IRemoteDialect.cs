using System.Data.Common;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// Everything a remote store needs beyond <c>System.Data.Common</c>: the one seam between the generic
/// <see cref="RemoteBackend"/> (sessions, pooling, transactions, streaming results) and a store
/// (an upstream PostgreSQL, InterSystems IRIS). A dialect holds no per-session state and is used from
/// many sessions at once; every member that touches the store is given the session's leased
/// <see cref="RemoteConnection"/>, whose <see cref="RemoteConnection.Transaction"/> it must use.
/// </summary>
/// <remarks>
/// Errors: members may let provider exceptions escape; the generic code hands every exception it
/// catches from them to <see cref="MapError"/> (and checks <see cref="IsConnectionLost"/>).
/// Values: rows and parameters are canonical values (see <see cref="IPgCodec"/>).
/// </remarks>
public interface IRemoteDialect : IAsyncDisposable
{
    /// <summary>Short name for logs and the server's start line: postgres, iris.</summary>
    string Name { get; }

    /// <summary>
    /// Opens one new physical connection, ready for statements (session settings the dialect relies on
    /// already applied). The generic pool decides how many exist, so a provider's own pooling should be off.
    /// </summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The store's command for one PostgreSQL statement (never several): the SQL translated to the
    /// store's dialect, identifiers quoted by the dialect, and every $n value bound as a parameter (never
    /// spliced). The command must be enlisted in <paramref name="connection"/>'s transaction, if any.
    /// The generic code runs it with <c>ExecuteReaderAsync</c> and reads it as a stream.
    /// </summary>
    DbCommand CreateCommand(RemoteConnection connection, string sql, IReadOnlyList<QueryParameter> parameters);

    /// <summary>
    /// The statement that creates, releases or rolls back to a savepoint inside the open transaction, or
    /// null when the store has nothing to do for it (for example a store without RELEASE SAVEPOINT).
    /// <paramref name="name"/> arrives case-folded and unquoted; the dialect quotes it.
    /// </summary>
    string? SavepointStatement(SavepointAction action, string name);

    /// <summary>A table with its columns in order and their PostgreSQL types; throws 42P01 (or 3F000 for a schema) when missing.</summary>
    ValueTask<TableDefinition> DescribeTableAsync(RemoteConnection connection, string? schema, string name,
        CancellationToken cancellationToken);

    /// <summary>
    /// Describes a statement without running it (or running it so that nothing remains): parameter types
    /// (those given kept, the rest inferred or text) and result columns, null when it returns no rows.
    /// </summary>
    ValueTask<StatementDescription> DescribeStatementAsync(RemoteConnection connection, string sql,
        IReadOnlyList<PgTypeOrUnknown> parameterTypes, CancellationToken cancellationToken);

    /// <summary>The PostgreSQL type of each column of an open reader, for RowDescription and for <see cref="GetValue"/>.</summary>
    IReadOnlyList<ResultColumn> DescribeResult(DbDataReader reader);

    /// <summary>The current row's value at <paramref name="ordinal"/> as a canonical value of <paramref name="type"/>, or null for SQL NULL.</summary>
    object? GetValue(DbDataReader reader, int ordinal, PgTypeRef type);

    /// <summary>
    /// The row count for the command tag of a finished statement: rows inserted, updated or deleted, or
    /// for CREATE TABLE AS and SELECT INTO the rows written; -1 when unknown. ADO.NET's RecordsAffected
    /// unless the provider knows better.
    /// </summary>
    long AffectedRows(DbDataReader reader) => reader.RecordsAffected;

    /// <summary>
    /// The store's fastest bulk path into <paramref name="table"/> for COPY FROM (the other columns take
    /// their defaults), inside the connection's transaction; it neither commits nor rolls back.
    /// </summary>
    ValueTask<IBulkRowWriter> OpenBulkWriterAsync(RemoteConnection connection, TableDefinition table,
        IReadOnlyList<ColumnDefinition> columns, CancellationToken cancellationToken);

    /// <summary>
    /// A provider failure as PostgreSQL's error: SQLSTATE, message and the fields PostgreSQL would give,
    /// with no connection details (hosts, ports, user names, passwords) in any text.
    /// </summary>
    PgErrorException MapError(Exception exception);

    /// <summary>
    /// True when <paramref name="exception"/> means <paramref name="connection"/> can no longer be used
    /// (network failure, server gone): the pool then drops it and every idle connection opened before it.
    /// </summary>
    bool IsConnectionLost(Exception exception, DbConnection connection);
}

/// <summary>The savepoint statements a session sends (see <see cref="IRemoteDialect.SavepointStatement"/>).</summary>
public enum SavepointAction
{
    Create,
    Release,
    RollbackTo,
}

namespace IrisPgWire.Backends;

/// <summary>
/// One client connection's view of the store: its transaction state and statement execution.
/// Used by one connection at a time, never concurrently.
/// </summary>
/// <remarks>
/// Statements arrive in PostgreSQL's dialect; the backend translates them. Transaction control
/// (BEGIN, COMMIT, SAVEPOINT ...) never arrives as SQL text: the session calls the methods below.
/// Outside an explicit transaction every <see cref="ExecuteAsync"/> commits on its own.
/// Errors are thrown as <see cref="Errors.PgErrorException"/> with PostgreSQL's SQLSTATE and message.
/// </remarks>
public interface IBackendSession : IAsyncDisposable
{
    /// <summary>True between <see cref="BeginAsync"/> and the matching commit or rollback.</summary>
    bool InTransaction { get; }

    /// <summary>
    /// Starts a transaction. <paramref name="forWriting"/> says it will write (COPY FROM, a data-changing
    /// statement, an explicit block): the store may take its write lock at once. A reading transaction
    /// must not make other sessions wait.
    /// </summary>
    ValueTask BeginAsync(bool forWriting, CancellationToken cancellationToken);
    ValueTask CommitAsync(CancellationToken cancellationToken);
    ValueTask RollbackAsync(CancellationToken cancellationToken);

    /// <summary>Savepoint names arrive unquoted and case-folded as PostgreSQL folds identifiers.</summary>
    ValueTask SavepointAsync(string name, CancellationToken cancellationToken);
    ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken);
    ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Describes one statement without running it: the type of each $n parameter (those the client
    /// gave are kept; unknown ones are inferred, or text) and the result columns, or null when the
    /// statement returns no rows.
    /// </summary>
    ValueTask<StatementDescription> DescribeAsync(string sql, IReadOnlyList<PgTypeOrUnknown> parameterTypes,
        CancellationToken cancellationToken);

    /// <summary>A table's definition; throws 42P01 when there is none (schema null or "public" for the default schema).</summary>
    ValueTask<TableDefinition> GetTableAsync(string? schema, string name, CancellationToken cancellationToken);

    /// <summary>Opens the bulk path into <paramref name="table"/> for the given columns (the rest take their defaults).</summary>
    ValueTask<IBulkRowWriter> OpenBulkWriterAsync(TableDefinition table, IReadOnlyList<ColumnDefinition> columns,
        CancellationToken cancellationToken);

    /// <summary>Runs one statement (never several separated by semicolons) with its parameters.</summary>
    ValueTask<IQueryResult> ExecuteAsync(string sql, IReadOnlyList<QueryParameter> parameters,
        CancellationToken cancellationToken);
}

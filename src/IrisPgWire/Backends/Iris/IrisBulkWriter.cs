using IrisPgWire.Backends.Remote;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// COPY FROM into IRIS: each batch goes through <see cref="IrisBatchInserter"/> in the session's current
/// transaction, read again per batch since ROWS_PER_TRANSACTION commits and begins a new one between batches.
/// Omitted columns are left out of the INSERT, so IRIS applies their defaults itself.
/// </summary>
internal sealed class IrisBulkWriter : IBulkRowWriter
{
    private readonly RemoteConnection _connection;
    private readonly IrisBatchInserter _inserter;

    public IrisBulkWriter(RemoteConnection connection, IrisInsertWriter writer, IrisInsertStrategy strategy, int tableColumns)
    {
        _connection = connection;
        _inserter = new IrisBatchInserter(connection.Connection, writer, strategy,
            IrisBatchInserter.DefaultRowsPerStatement(strategy, writer.Columns.Count));
        Defaults = new object?[tableColumns];
    }

    public int FailedRow => _inserter.FailedRow;

    /// <summary>All null: the defaults are IRIS's to apply; a column with one reports HasDefault, so NOT NULL checks let it through.</summary>
    public IReadOnlyList<object?> Defaults { get; }

    public ValueTask WriteAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken)
    {
        _inserter.Transaction = _connection.Transaction;
        return _inserter.InsertAsync(rows, count, cancellationToken);
    }

    public ValueTask DisposeAsync() => _inserter.DisposeAsync();
}

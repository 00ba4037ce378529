namespace IrisPgWire.Backends;

/// <summary>
/// Implemented by an <see cref="IBulkRowWriter"/> that takes rows as <see cref="BulkRowBatch"/> cells
/// (integers and UTF-8 text as they are kept, see <see cref="BulkCellKind"/>), which spares COPY FROM a
/// boxed integer and a .NET string per value. COPY FROM uses it when the writer has it.
/// </summary>
public interface IBulkCellWriter
{
    /// <summary>
    /// Stores rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1. On
    /// failure throws a <see cref="Errors.PgErrorException"/> and <see cref="IBulkRowWriter.FailedRow"/> is the
    /// failing row's index counted from <paramref name="start"/>.
    /// </summary>
    ValueTask WriteAsync(BulkRowBatch batch, int start, int count, CancellationToken cancellationToken);
}

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// A dialect's bulk writer as the session hands it out: provider failures become PostgreSQL errors (a lost
/// connection is marked so), and disposing it gives the session's connection lease back.
/// </summary>
internal sealed class RemoteBulkWriter(RemoteSession session, IBulkRowWriter inner) : IBulkRowWriter
{
    private bool _disposed;

    public int FailedRow => inner.FailedRow;

    public IReadOnlyList<object?> Defaults => inner.Defaults;

    public async ValueTask WriteAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken) =>
        await session.GuardAsync(async () =>
        {
            await inner.WriteAsync(rows, count, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await session.ReleaseUseAsync().ConfigureAwait(false);
        }
    }
}

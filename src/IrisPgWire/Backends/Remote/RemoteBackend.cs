using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// A store reached over ADO.NET (<c>System.Data.Common</c>): the generic sessions, transactions, streaming
/// results and bounded connection pool, with everything store-specific behind an <see cref="IRemoteDialect"/>.
/// </summary>
public sealed class RemoteBackend : IBackend
{
    private readonly IRemoteDialect _dialect;
    private readonly RemoteConnectionPool _pool;

    public RemoteBackend(IRemoteDialect dialect, RemoteBackendOptions options, ILogger? logger = null)
    {
        _dialect = dialect;
        _pool = new RemoteConnectionPool(dialect, options, logger ?? NullLogger.Instance);
    }

    public string Name => _dialect.Name;

    /// <summary>
    /// Opens and returns one connection, so a store that cannot be reached is reported at start-up rather
    /// than at the first session. Throws a <see cref="Errors.PgErrorException"/> (08001) that names no host.
    /// </summary>
    public async ValueTask CheckConnectionAsync(CancellationToken cancellationToken)
    {
        var (connection, _) = await _pool.RentAsync(allowIdle: true, cancellationToken).ConfigureAwait(false);
        await _pool.ReturnAsync(connection).ConfigureAwait(false);
    }

    public ValueTask<IBackendSession> OpenSessionAsync(ISessionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IBackendSession>(new RemoteSession(_pool, _dialect));

    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync().ConfigureAwait(false);
        await _dialect.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Collections.Concurrent;
using System.Data;
using IrisPgWire.Errors;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// The bounded pool of connections to one store: at most <see cref="RemoteBackendOptions.PoolSize"/> open at
/// once, idle ones reused last-in first-out; a session that needs one while all are leased waits for a free one.
/// </summary>
/// <remarks>
/// When a connection is found lost, every idle connection opened before it is presumed lost too (the store
/// restarted, the network dropped) and is closed instead of being leased again, so sessions recover on
/// their own once the store is back.
/// </remarks>
internal sealed class RemoteConnectionPool : IAsyncDisposable
{
    private readonly IRemoteDialect _dialect;
    private readonly RemoteBackendOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<RemoteConnection> _idle = new();
    private long _generation;

    public RemoteConnectionPool(IRemoteDialect dialect, RemoteBackendOptions options, ILogger logger)
    {
        _dialect = dialect;
        _options = options;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, options.PoolSize));
    }

    public ILogger Logger => _logger;

    /// <summary>A connection for one session's use; give it back with <see cref="ReturnAsync"/>. Reused says it was idle in the pool.</summary>
    public async ValueTask<(RemoteConnection Connection, bool Reused)> RentAsync(bool allowIdle, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(_options.AcquireTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new PgErrorException(SqlState.TooManyConnections,
                $"no connection to the {_dialect.Name} store became free within {_options.AcquireTimeout.TotalSeconds:0} s",
                hint: "Raise --remote-pool-size, or end long transactions sooner.");
        }
        try
        {
            var current = Interlocked.Read(ref _generation);
            while (allowIdle && _idle.TryPop(out var idle))
            {
                if (idle.Generation == current && idle.Connection.State == ConnectionState.Open)
                    return (idle, true);
                await CloseAsync(idle).ConfigureAwait(false);
            }
            return (new RemoteConnection(await OpenAsync(cancellationToken).ConfigureAwait(false), current), false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Takes a connection back: idle again when it is healthy and has no transaction open, closed otherwise.</summary>
    public async ValueTask ReturnAsync(RemoteConnection connection)
    {
        try
        {
            if (connection.Broken || connection.Transaction is not null || connection.Connection.State != ConnectionState.Open
                || connection.Generation != Interlocked.Read(ref _generation))
                await CloseAsync(connection).ConfigureAwait(false);
            else
                _idle.Push(connection);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>A connection was lost: it is not pooled again, nor is any idle connection opened before now.</summary>
    public void Invalidate(RemoteConnection connection, string reason)
    {
        connection.Broken = true;
        if (connection.Generation == Interlocked.Read(ref _generation))
        {
            Interlocked.Increment(ref _generation);
            RemoteLog.ConnectionLost(_logger, _dialect.Name, reason);
        }
    }

    private async ValueTask<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dialect.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or PgErrorException))
        {
            // The provider's text names hosts and ports: it goes to the server log, not to the client.
            RemoteLog.OpenFailed(_logger, _dialect.Name, e.Message);
            throw new PgErrorException(SqlState.SqlClientUnableToEstablishSqlConnection,
                $"could not connect to the {_dialect.Name} store", hint: "The server log says why; the store may be down or unreachable.",
                innerException: e);
        }
    }

    private static async ValueTask CloseAsync(RemoteConnection connection)
    {
        try
        {
            await connection.Connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            // A lost connection may fail to close cleanly; it is gone either way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryPop(out var connection))
            await CloseAsync(connection).ConfigureAwait(false);
        _slots.Dispose();
    }
}

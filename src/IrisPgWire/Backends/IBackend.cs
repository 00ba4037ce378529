namespace IrisPgWire.Backends;

/// <summary>
/// A data store the server fronts (the embedded SQLite store, IRIS, an upstream PostgreSQL).
/// Thread-safe; each client connection opens its own <see cref="IBackendSession"/>.
/// </summary>
public interface IBackend : IAsyncDisposable
{
    /// <summary>Short name shown in logs and <c>SHOW server_backend</c>: sqlite, iris, postgres.</summary>
    string Name { get; }

    /// <summary>Opens a session bound to one client connection's settings.</summary>
    ValueTask<IBackendSession> OpenSessionAsync(ISessionContext context, CancellationToken cancellationToken);
}

namespace IrisPgWire.Backends.Sqlite;

/// <summary>The embedded default store: one SQLite database file in the data directory.</summary>
public sealed class SqliteBackend : IBackend
{
    /// <summary>Opens (creating when missing) the store in <paramref name="dataDirectory"/>. Throws when the directory is unusable.</summary>
    public SqliteBackend(string dataDirectory) => throw new NotImplementedException();

    public string Name => "sqlite";

    public ValueTask<IBackendSession> OpenSessionAsync(ISessionContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}

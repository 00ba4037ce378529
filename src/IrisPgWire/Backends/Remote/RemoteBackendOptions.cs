namespace IrisPgWire.Backends.Remote;

/// <summary>Settings of the remote connection pool (<c>--remote-pool-size</c>, <c>--remote-pool-timeout</c>).</summary>
public sealed record RemoteBackendOptions
{
    /// <summary>Most connections open to the store at once; a session that needs one more waits for a free one.</summary>
    public int PoolSize { get; init; } = 10;

    /// <summary>How long a session waits for a free connection before failing with 53300.</summary>
    public TimeSpan AcquireTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

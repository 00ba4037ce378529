namespace IrisPgWire.Server;

/// <summary>Listener and limit settings (the command line's flags).</summary>
public sealed record PgServerOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 5432;

    public int MaxConnections { get; init; } = 100;

    /// <summary>COPYs running at once; more wait up to lock_timeout, then fail with 53300 (DESIGN.md, FR-012).</summary>
    public int MaxConcurrentCopies { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>Largest message accepted, CopyData included; longer ones are a protocol violation (08P01).</summary>
    public int MaxMessageSize { get; init; } = 256 * 1024 * 1024;
}

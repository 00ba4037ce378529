using System.Net;
using IrisPgWire.Backends;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Server;

/// <summary>
/// The listener: accepts connections and runs one session per connection. Start it in-process
/// (tests, benchmarks) or through the host executable.
/// </summary>
public sealed class PgServer : IAsyncDisposable
{
    public PgServer(PgServerOptions options, IBackend backend, ILoggerFactory loggerFactory) =>
        throw new NotImplementedException();

    /// <summary>The bound address; its port is the real one when <see cref="PgServerOptions.Port"/> was 0.</summary>
    public IPEndPoint LocalEndPoint => throw new NotImplementedException();

    /// <summary>Binds the socket and starts accepting. Throws when the address is in use.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Stops accepting, ends every session (rolling back open transactions) and waits for them.</summary>
    public Task StopAsync() => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}

using System.Net;
using IrisPgWire.Backends;
using IrisPgWire.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrisPgWire.Benchmarks;

/// <summary>The server started in this process on a free loopback port, with one connected client.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly PgServer _server;

    private InProcessServer(PgServer server, WireClient client)
    {
        _server = server;
        Client = client;
    }

    public WireClient Client { get; }

    public static async Task<InProcessServer> StartAsync(IBackend backend)
    {
        var server = new PgServer(new PgServerOptions { Host = "127.0.0.1", Port = 0 }, backend, NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        return new InProcessServer(server, WireClient.Connect(new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port)));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}

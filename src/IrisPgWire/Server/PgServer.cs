using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IrisPgWire.Backends;
using IrisPgWire.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Server;

/// <summary>
/// The listener: accepts connections and runs one session per connection. Start it in-process
/// (tests, benchmarks) or through the host executable.
/// </summary>
public sealed class PgServer : IAsyncDisposable
{
    private readonly PgServerOptions _options;
    private readonly IBackend _backend;
    private readonly ILogger _logger;
    private readonly SessionRegistry _registry;
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly CancellationTokenSource _shutdown = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    public PgServer(PgServerOptions options, IBackend backend, ILoggerFactory loggerFactory)
    {
        _options = options;
        _backend = backend;
        _registry = new SessionRegistry(options.MaxConcurrentCopies);
        _logger = loggerFactory.CreateLogger("IrisPgWire.Server");
    }

    /// <summary>The bound address; its port is the real one when <see cref="PgServerOptions.Port"/> was 0.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("the server is not started"));

    /// <summary>Binds the socket and starts accepting. Throws a SocketException when the address is in use.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = await ResolveAsync(_options.Host, cancellationToken).ConfigureAwait(false);
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, _options.Port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        Log.Listening(_logger, listener.LocalEndPoint!, _backend.Name);
        _acceptLoop = AcceptLoopAsync(listener, _shutdown.Token);
    }

    /// <summary>Stops accepting, ends every session (rolling back open transactions) and waits for them.</summary>
    public async Task StopAsync()
    {
        if (_shutdown.IsCancellationRequested || _listener is null)
            return;
        Log.ShuttingDown(_logger, _registry.Count);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
            await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                Log.AcceptFailed(_logger, e);
                continue;
            }
            socket.NoDelay = true;
            var connection = new PgConnection(socket, _backend, _registry, _options, _logger);
            var task = Task.Run(() => connection.RunAsync(cancellationToken), CancellationToken.None);
            _connections[task] = 0;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
            return address;
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }
}

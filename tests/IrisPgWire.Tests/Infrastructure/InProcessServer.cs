using IrisPgWire.Backends;
using IrisPgWire.Backends.Sqlite;
using IrisPgWire.Server;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Tests.Infrastructure;

/// <summary>
/// The server, started in this process on a free loopback port with the embedded store in a temp
/// directory, shared by the tests of <see cref="InProcessServerCollection"/>. Its log goes to the test output sink.
/// </summary>
public sealed class InProcessServer : IAsyncLifetime, ITestServer
{
    private PgServerOptions _options = new();
    private Func<ILoggerFactory, IBackend>? _createBackend;

    /// <summary>A server of its own with other limits, for tests that change them; the caller initializes and disposes it.</summary>
    public static InProcessServer WithOptions(PgServerOptions options) => new() { _options = options };

    /// <summary>A server of its own on another backend; the caller initializes and disposes it.</summary>
    public static InProcessServer WithBackend(Func<ILoggerFactory, IBackend> createBackend) => new() { _createBackend = createBackend };

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "irispgwire-test-" + Guid.NewGuid().ToString("N"));
    private IBackend? _backend;
    private PgServer? _server;
    private ILoggerFactory? _loggerFactory;

    public int Port => _server!.LocalEndPoint.Port;

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=15;Command Timeout=60;Pooling=false";

    public async Task InitializeAsync()
    {
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new TestLogSink()));
        _backend = _createBackend is null ? new SqliteBackend(_dataDirectory) : _createBackend(_loggerFactory);
        _server = new PgServer(_options with { Host = "127.0.0.1", Port = 0 }, _backend, _loggerFactory);
        await _server.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        if (_backend is not null)
            await _backend.DisposeAsync();
        _loggerFactory?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp dir.
        }
    }
}

/// <summary>Tests that share one in-process server and the reference PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessServerCollection : ICollectionFixture<InProcessServer>, ICollectionFixture<ReferencePostgres>
{
    public const string Name = "server";
}

using IrisPgWire.Backends.Iris;
using IrisPgWire.Backends.Remote;
using IrisPgWire.Server;
using IrisPgWire.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Tests.Integration.Iris;

/// <summary>
/// The server on the IRIS backend (the instance IRIS_TEST_CONNECTION names) and the reference PostgreSQL, both
/// started only when that variable is set, so a machine without IRIS spends nothing on this suite.
/// </summary>
public sealed class IrisTestServer : IAsyncLifetime
{
    private RemoteBackend? _backend;
    private PgServer? _server;
    private ILoggerFactory? _loggerFactory;

    public ReferencePostgres? Reference { get; private set; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={_server!.LocalEndPoint.Port};Username=postgres;Database=postgres;Timeout=15;Command Timeout=120;Pooling=false";

    public async Task InitializeAsync()
    {
        var connection = Environment.GetEnvironmentVariable(IrisTheoryAttribute.ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
            return;
        var strategy = IrisProbeText.TryParseStrategy(Environment.GetEnvironmentVariable("IRIS_TEST_STRATEGY") ?? "", out var s) ? s : IrisInsertStrategy.UnionAll;
        var settings = new IrisSettings(connection, Environment.GetEnvironmentVariable(IrisTheoryAttribute.AssemblyVariable), strategy, IrisInsertHints.None);
        var provider = IrisProvider.Load(IrisProviderSearch.FromEnvironment(settings.ClientAssembly));
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new TestLogSink()));
        _backend = new RemoteBackend(new IrisDialect(provider.Factory, settings), new RemoteBackendOptions { PoolSize = 4 });
        await _backend.CheckConnectionAsync(CancellationToken.None);
        _server = new PgServer(new PgServerOptions { Host = "127.0.0.1", Port = 0 }, _backend, _loggerFactory);
        await _server.StartAsync(CancellationToken.None);
        Reference = new ReferencePostgres();
        await Reference.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        if (_backend is not null)
            await _backend.DisposeAsync();
        if (Reference is not null)
            await Reference.DisposeAsync();
        _loggerFactory?.Dispose();
    }
}

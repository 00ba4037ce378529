using IrisPgWire.Backends.Postgres;
using IrisPgWire.Backends.Remote;
using Npgsql;

namespace IrisPgWire.Tests.Infrastructure;

/// <summary>
/// The server on <c>--backend postgres</c>, in this process, whose upstream is a PostgreSQL 15 cluster of
/// its own (so tests can stop it without disturbing other collections). The cluster's <c>postgres</c>
/// database is the reference the differential tests compare with; the server stores into its
/// <c>upstream</c> database, so the two never see each other's tables.
/// </summary>
public sealed class UpstreamServer : IAsyncLifetime, ITestServer
{
    public const string UpstreamDatabase = "upstream";

    private InProcessServer? _server;

    /// <summary>The upstream cluster, also the reference PostgreSQL for the tests of this collection.</summary>
    public ReferencePostgres Cluster { get; } = new();

    public int Port => _server!.Port;

    public string ConnectionString => _server!.ConnectionString;

    /// <summary>The upstream database, reached directly, to check what the server stored.</summary>
    public string UpstreamConnectionString => $"Host=127.0.0.1;Port={Cluster.Port};Username=postgres;Database={UpstreamDatabase};Pooling=false";

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        await using (var connection = new NpgsqlConnection(Cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {UpstreamDatabase}", connection);
            await create.ExecuteNonQueryAsync();
        }
        _server = InProcessServer.WithBackend(logging => new RemoteBackend(new PostgresDialect(UpstreamConnectionString),
            new RemoteBackendOptions { PoolSize = 8 }, logging.CreateLogger("IrisPgWire.Backends.Postgres")));
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Tests of the server on the postgres backend; they may stop and restart its upstream, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class UpstreamServerCollection : ICollectionFixture<UpstreamServer>
{
    public const string Name = "upstream";
}

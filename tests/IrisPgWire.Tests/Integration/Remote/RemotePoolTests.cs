using IrisPgWire.Backends.Postgres;
using IrisPgWire.Backends.Remote;
using IrisPgWire.Errors;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Remote;

/// <summary>The remote connection pool: bounded, shared between sessions, and a session waits for a free connection.</summary>
[Collection(UpstreamServerCollection.Name)]
public class RemotePoolTests(UpstreamServer server)
{
    /// <summary>The pool size <see cref="UpstreamServer"/> gives its backend.</summary>
    private const int PoolSize = 8;

    [Fact]
    public async Task Twenty_sessions_in_transactions_at_once_never_open_more_upstream_connections_than_the_pool_holds()
    {
        var table = "pool_" + Guid.NewGuid().ToString("N")[..10];
        await using (var setup = new NpgsqlConnection(server.ConnectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE TABLE {table} (session int, seen bigint)", setup);
            await create.ExecuteNonQueryAsync();
        }
        // Inside each session's transaction, a direct connection counts the ones this server has open upstream
        // (pg_stat_activity through the server would be the server's own view).
        var sessions = Enumerable.Range(1, 20).Select(async n =>
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var sleep = new NpgsqlCommand("SELECT pg_sleep(0.05)::text", connection, transaction);
            await sleep.ExecuteNonQueryAsync();
            await using (var direct = new NpgsqlConnection(server.UpstreamConnectionString))
            {
                await direct.OpenAsync();
                await using var count = new NpgsqlCommand(
                    $"INSERT INTO {table} SELECT {n}, count(*) FROM pg_stat_activity WHERE application_name = 'irispgwire'", direct);
                await count.ExecuteNonQueryAsync();
            }
            await using var insert = new NpgsqlCommand($"INSERT INTO {table} VALUES ({n}, 0)", connection, transaction);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(60));
        await using var check = new NpgsqlConnection(server.UpstreamConnectionString);
        await check.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT count(DISTINCT session), max(seen), min(seen) FILTER (WHERE seen > 0) FROM {table}", check);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(20L, reader.GetInt64(0));
        Assert.InRange(reader.GetInt64(1), 1, PoolSize);
        Assert.True(reader.GetInt64(2) >= 1);
    }

    [Fact]
    public async Task A_session_that_waits_longer_than_the_pool_timeout_for_a_connection_gets_53300()
    {
        await using var small = InProcessServer.WithBackend(logging => new RemoteBackend(new PostgresDialect(server.UpstreamConnectionString),
            new RemoteBackendOptions { PoolSize = 1, AcquireTimeout = TimeSpan.FromSeconds(1) }, logging.CreateLogger("pool-test")));
        await small.InitializeAsync();
        await using var holder = new NpgsqlConnection(small.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT 1", holder, transaction))
            await hold.ExecuteScalarAsync();

        await using var waiter = new NpgsqlConnection(small.ConnectionString);
        await waiter.OpenAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT 2", waiter);
            await command.ExecuteScalarAsync();
        });
        Assert.Equal(SqlState.TooManyConnections, error.SqlState);
        Assert.Equal("no connection to the postgres store became free within 1 s", error.MessageText);

        // Once the holder's transaction ends, its connection serves the next session (Npgsql drops its
        // own connection after a 53300, so the next statement comes from a new one).
        await transaction.CommitAsync();
        await using var next = new NpgsqlConnection(small.ConnectionString);
        await next.OpenAsync();
        await using var again = new NpgsqlCommand("SELECT 2", next);
        Assert.Equal(2, await again.ExecuteScalarAsync());
    }
}

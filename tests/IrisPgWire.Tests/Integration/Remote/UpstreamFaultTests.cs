using System.Globalization;
using IrisPgWire.Errors;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Remote;

/// <summary>
/// The upstream PostgreSQL of <c>--backend postgres</c> stopped as a crash stops it (<c>pg_ctl stop -m
/// immediate</c>) in the middle of a large COPY: the client gets a clear error rather than a hang, an
/// atomic COPY leaves nothing committed, the server's other sessions go on, and once the upstream is back
/// new and old sessions work without the server being restarted.
/// </summary>
[Collection(UpstreamServerCollection.Name)]
public class UpstreamFaultTests(UpstreamServer server)
{
    /// <summary>Bounds every step that could hang, so a hang fails the test instead of stalling the run.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_upstream_stopped_during_copy_from_fails_the_copy_keeps_nothing_and_the_server_recovers()
    {
        var table = "fault_in_" + Guid.NewGuid().ToString("N")[..10];
        await using var other = await OpenAsync();
        await ExecuteAsync(other, $"CREATE TABLE {table} (id int PRIMARY KEY, payload text)");
        await using var loader = await OpenAsync();
        var stopped = false;
        try
        {
            var error = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                var writer = await loader.BeginTextImportAsync($"COPY {table} FROM STDIN");
                await WriteRowsAsync(writer, 1, 100_000);
                // Stop the upstream only once it is receiving this COPY's rows inside the open transaction.
                await WaitForUpstreamCopyAsync();
                await server.Cluster.StopImmediatelyAsync();
                stopped = true;
                await WriteRowsAsync(writer, 100_001, 200_000);
                await writer.DisposeAsync();
            }).WaitAsync(Bound);
            Assert.Equal(SqlState.ConnectionFailure, error.SqlState);
            Assert.Contains("connection to the upstream PostgreSQL was lost", error.MessageText, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Cluster.Port.ToString(CultureInfo.InvariantCulture), error.MessageText + error.Detail + error.Hint,
                StringComparison.Ordinal);

            await AssertOtherSessionCarriesOnAsync(other, table);
        }
        finally
        {
            if (stopped)
                await server.Cluster.StartAsync();
        }
        // Crash recovery keeps what was committed: none of the COPY, read from the upstream itself.
        await using (var direct = new NpgsqlConnection(server.UpstreamConnectionString))
        {
            await direct.OpenAsync();
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", direct);
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }
        await AssertRecoveredAsync(other, table, expectedRows: 0);
    }

    [Fact]
    public async Task An_upstream_stopped_during_copy_to_ends_the_export_with_an_error_and_the_server_recovers()
    {
        var table = "fault_out_" + Guid.NewGuid().ToString("N")[..10];
        const int rows = 100_000;
        await using (var direct = new NpgsqlConnection(server.UpstreamConnectionString))
        {
            await direct.OpenAsync();
            // About 50 MB of COPY output: far more than the socket buffers between the three processes hold.
            await using var fill = new NpgsqlCommand(
                $"CREATE TABLE {table} AS SELECT i AS id, repeat(md5(i::text), 16) AS payload FROM generate_series(1, {rows}) i", direct);
            await fill.ExecuteNonQueryAsync();
        }
        await using var other = await OpenAsync();
        await using var exporter = await OpenAsync();
        var stopped = false;
        var read = 0;
        try
        {
            var error = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                using var reader = await exporter.BeginTextExportAsync($"COPY {table} TO STDOUT");
                while (read < 1000 && await reader.ReadLineAsync() is not null)
                    read++;
                await server.Cluster.StopImmediatelyAsync();
                stopped = true;
                while (await reader.ReadLineAsync() is not null)
                    read++;
            }).WaitAsync(Bound);
            Assert.Equal(SqlState.ConnectionFailure, error.SqlState);
            Assert.InRange(read, 1000, rows - 1);

            await AssertOtherSessionCarriesOnAsync(other, table);
        }
        finally
        {
            if (stopped)
                await server.Cluster.StartAsync();
        }
        await AssertRecoveredAsync(other, table, expectedRows: rows);
    }

    /// <summary>While the upstream is down, a session of the server still gets its answers, or a clear error for what needs the upstream.</summary>
    private static async Task AssertOtherSessionCarriesOnAsync(NpgsqlConnection other, string table)
    {
        await using (var show = new NpgsqlCommand("SHOW TimeZone", other))
            Assert.Equal("UTC", await show.ExecuteScalarAsync().WaitAsync(Bound));
        var unreachable = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", other);
            await count.ExecuteScalarAsync();
        }).WaitAsync(Bound);
        Assert.StartsWith("08", unreachable.SqlState, StringComparison.Ordinal);
    }

    /// <summary>The upstream is back: the session that lived through the outage and a new one both work, without restarting the server.</summary>
    private async Task AssertRecoveredAsync(NpgsqlConnection survivor, string table, long expectedRows)
    {
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", survivor))
            Assert.Equal(expectedRows, await count.ExecuteScalarAsync().WaitAsync(Bound));
        await using var fresh = await OpenAsync();
        await ExecuteAsync(fresh, $"INSERT INTO {table} (id, payload) VALUES (-1, 'after the restart')");
        await using var check = new NpgsqlCommand($"SELECT payload FROM {table} WHERE id = -1", fresh);
        Assert.Equal("after the restart", await check.ExecuteScalarAsync().WaitAsync(Bound));
        await ExecuteAsync(fresh, $"DROP TABLE {table}");
    }

    /// <summary>Waits until the upstream runs one of the server's binary COPYs (the batches of the client's COPY).</summary>
    private async Task WaitForUpstreamCopyAsync()
    {
        await using var direct = new NpgsqlConnection(server.Cluster.ConnectionString);
        await direct.OpenAsync();
        await using var probe = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'irispgwire' AND xact_start IS NOT NULL AND query LIKE 'COPY %'", direct);
        using var bound = new CancellationTokenSource(Bound);
        while ((long)(await probe.ExecuteScalarAsync(bound.Token))! == 0)
            await Task.Delay(10, bound.Token);
    }

    private static async Task WriteRowsAsync(TextWriter writer, int first, int last)
    {
        for (var i = first; i <= last; i++)
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{i}\tpayload of row {i} with some text to make it longer\n"));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(server.ConnectionString + ";Include Error Detail=true");
        await connection.OpenAsync().WaitAsync(Bound);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().WaitAsync(Bound);
    }
}

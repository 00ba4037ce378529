using System.Globalization;
using System.Text;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Protocol;

/// <summary>
/// Clients that vanish in the middle of a COPY FROM: each leaves the table as it was, and once they are
/// gone the server's sessions, open file handles and managed memory are back where they started.
/// </summary>
[Collection(InProcessServerCollection.Name)]
public class CopyDisconnectTests(InProcessServer server)
{
    private static byte[] CopyData(string text) => RawPgClient.Message('d', Encoding.UTF8.GetBytes(text));

    private static int OpenHandles() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private async Task<long> CountAsync(NpgsqlConnection monitor, string sql)
    {
        await using var command = new NpgsqlCommand(sql, monitor);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Starts a COPY, sends <paramref name="rows"/> rows and maybe half a line, then drops the connection.</summary>
    private async Task DisconnectMidCopyAsync(string table, int rows, bool partialLine, bool reset)
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        var chunk = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            chunk.Append(i.ToString(CultureInfo.InvariantCulture)).Append("\tsome text for row ").Append(i).Append('\n');
            if (chunk.Length > 32 * 1024)
            {
                await client.SendRawAsync(CopyData(chunk.ToString()));
                chunk.Clear();
            }
        }
        if (partialLine)
            chunk.Append("12345\thalf a li");
        if (chunk.Length > 0)
            await client.SendRawAsync(CopyData(chunk.ToString()));
        if (reset)
            client.Abort();
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_hundred_clients_dropping_mid_copy_leave_the_table_sessions_handles_and_memory_as_they_were()
    {
        var table = "cd_" + Guid.NewGuid().ToString("N")[..10];
        await using var monitor = new NpgsqlConnection(server.ConnectionString);
        await monitor.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id int, note text)", monitor))
            await create.ExecuteNonQueryAsync();
        var seed = await monitor.BeginTextImportAsync($"COPY {table} FROM STDIN");
        await seed.WriteAsync("1\tkept\n2\tkept\n");
        await seed.DisposeAsync();

        // One round of ten first, so that what the server keeps once (the store's connection pool, which
        // grows to the peak number of sessions, and JIT code) is in the baseline.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => DisconnectMidCopyAsync(table, 1000 * i, partialLine: true, reset: i % 2 == 0)));
        await WaitForSessionsAsync(monitor, 1);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var handlesBefore = OpenHandles();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var random = new Random(20261122);
        for (var round = 0; round < 10; round++)
        {
            var clients = Enumerable.Range(0, 10)
                .Select(_ => DisconnectMidCopyAsync(table, random.Next(0, 30000), random.Next(2) == 0, random.Next(2) == 0))
                .ToList();
            await Task.WhenAll(clients).WaitAsync(TimeSpan.FromMinutes(1));
        }

        await WaitForSessionsAsync(monitor, 1);
        Assert.Equal(2L, await CountAsync(monitor, $"SELECT count(*) FROM {table}"));
        Assert.Equal(0L, await CountAsync(monitor, "SELECT count(*) FROM pg_stat_progress_copy"));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var handlesAfter = OpenHandles();
        // Other test classes run beside this one in the same process, so a little slack is allowed.
        Assert.True(handlesAfter <= handlesBefore + 8, $"open handles went from {handlesBefore} to {handlesAfter}: " +
            string.Join(", ", Directory.GetFileSystemEntries("/proc/self/fd").Select(f => new FileInfo(f).LinkTarget).GroupBy(t => t?.Split(':')[0]).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.InRange(memoryAfter, 0, memoryBefore + (32L << 20));

        // And the server still takes a COPY into the same table.
        var writer = await monitor.BeginTextImportAsync($"COPY {table} FROM STDIN");
        await writer.WriteAsync("3\tafter\n");
        await writer.DisposeAsync();
        Assert.Equal(3L, await CountAsync(monitor, $"SELECT count(*) FROM {table}"));
    }

    /// <summary>Sessions end on the server a moment after their sockets close: waits for the count, at most 20 s.</summary>
    private async Task WaitForSessionsAsync(NpgsqlConnection monitor, long expected)
    {
        long sessions = -1;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            sessions = await CountAsync(monitor, "SELECT count(*) FROM pg_stat_activity");
            if (sessions == expected)
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"{sessions} sessions still open, expected {expected}");
    }
}

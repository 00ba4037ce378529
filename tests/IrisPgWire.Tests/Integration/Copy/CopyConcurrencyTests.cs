using System.Globalization;
using System.Text;
using IrisPgWire.Server;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// Many COPYs at once, --max-concurrent-copies, and lock_timeout while a COPY waits for the store's
/// write lock (the embedded store has one writer at a time, so a COPY waits where PostgreSQL would not;
/// the wait ends as PostgreSQL's lock waits do: 55P03 "canceling statement due to lock timeout").
/// </summary>
[Collection(InProcessServerCollection.Name)]
public class CopyConcurrencyTests(InProcessServer server)
{
    private static string NewTable(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static string Lines(int first, int count)
    {
        var text = new StringBuilder();
        for (var i = first; i < first + count; i++)
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append("\tname ").Append(i).Append('\n');
        return text.ToString();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task CopyAsync(string connectionString, string table, string lines)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN");
        await writer.WriteAsync(lines);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Twenty_concurrent_copies_into_ten_tables_and_into_one_shared_table_keep_every_row_exactly_once()
    {
        const int RowsEach = 5000;
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        var shared = NewTable("cs_");
        var own = Enumerable.Range(0, 10).Select(_ => NewTable("co_")).ToList();
        await ExecuteAsync(admin, $"CREATE TABLE {shared} (id int PRIMARY KEY, name text)");
        foreach (var table in own)
            await ExecuteAsync(admin, $"CREATE TABLE {table} (id int PRIMARY KEY, name text)");

        var loads = new List<Task>();
        for (var k = 0; k < 10; k++)
        {
            var table = own[k];
            loads.Add(Task.Run(() => CopyAsync(server.ConnectionString, table, Lines(1, RowsEach))));
            var first = (k * RowsEach) + 1;
            loads.Add(Task.Run(() => CopyAsync(server.ConnectionString, shared, Lines(first, RowsEach))));
        }
        await Task.WhenAll(loads).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(10L * RowsEach, await ScalarAsync(admin, $"SELECT count(*) FROM {shared}"));
        Assert.Equal(10L * RowsEach, await ScalarAsync(admin, $"SELECT count(DISTINCT id) FROM {shared}"));
        Assert.Equal(10 * RowsEach, await ScalarAsync(admin, $"SELECT max(id) FROM {shared}"));
        foreach (var table in own)
            Assert.Equal((long)RowsEach, await ScalarAsync(admin, $"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task A_copy_waiting_for_the_write_lock_stops_at_lock_timeout_and_at_statement_timeout()
    {
        var table = NewTable("cl_");
        await using var holder = new NpgsqlConnection(server.ConnectionString);
        await holder.OpenAsync();
        await ExecuteAsync(holder, $"CREATE TABLE {table} (id int, name text)");
        await ExecuteAsync(holder, "BEGIN");
        await ExecuteAsync(holder, $"INSERT INTO {table} VALUES (0, 'held')");

        var locked = await Assert.ThrowsAsync<PostgresException>(() =>
            CopyAsync(server.ConnectionString + ";Options=-c lock_timeout=200", table, Lines(1, 10)));
        Assert.Equal(("55P03", "canceling statement due to lock timeout"), (locked.SqlState, locked.MessageText));

        var timedOut = await Assert.ThrowsAsync<PostgresException>(() =>
            CopyAsync(server.ConnectionString + ";Options=-c statement_timeout=200", table, Lines(1, 10)));
        Assert.Equal(("57014", "canceling statement due to statement timeout"), (timedOut.SqlState, timedOut.MessageText));

        // Once the lock is free the same COPY goes through, and nothing of the refused ones was kept.
        await ExecuteAsync(holder, "COMMIT");
        await CopyAsync(server.ConnectionString + ";Options=-c lock_timeout=2000", table, Lines(1, 10));
        Assert.Equal(11L, await ScalarAsync(holder, $"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Over_max_concurrent_copies_a_copy_waits_for_a_slot_and_fails_with_53300_after_lock_timeout()
    {
        var limited = InProcessServer.WithOptions(new PgServerOptions { MaxConcurrentCopies = 1 });
        await limited.InitializeAsync();
        try
        {
            var table = NewTable("cm_");
            await using var first = new NpgsqlConnection(limited.ConnectionString);
            await first.OpenAsync();
            await ExecuteAsync(first, $"CREATE TABLE {table} (id int, name text)");
            var running = await first.BeginTextImportAsync($"COPY {table} FROM STDIN");
            await running.WriteAsync(Lines(1, 100));
            await running.FlushAsync();

            var refused = await Assert.ThrowsAsync<PostgresException>(() =>
                CopyAsync(limited.ConnectionString + ";Options=-c lock_timeout=200", table, Lines(101, 10)));
            Assert.Equal(("53300", "sorry, too many COPY operations already running"), (refused.SqlState, refused.MessageText));

            // Without a lock_timeout the second COPY waits, and runs once the first has finished.
            var waiting = CopyAsync(limited.ConnectionString, table, Lines(101, 10));
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted);
            await running.DisposeAsync();
            await waiting.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(110L, await ScalarAsync(first, $"SELECT count(*) FROM {table}"));
        }
        finally
        {
            await limited.DisposeAsync();
        }
    }
}

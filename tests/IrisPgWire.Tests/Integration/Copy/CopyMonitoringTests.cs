using System.Globalization;
using System.Text;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// pg_stat_progress_copy and pg_stat_activity read from a second connection while a COPY runs. The
/// columns are PostgreSQL 17's (manual, "Progress Reporting", "pg_stat_activity"); the values a test
/// expects are the rows and bytes it sent itself.
/// </summary>
[Collection(InProcessServerCollection.Name)]
public class CopyMonitoringTests(InProcessServer server)
{
    private static string NewTable() => "mon_" + Guid.NewGuid().ToString("N")[..10];

    private async Task<NpgsqlConnection> OpenAsync(string? sql = null)
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        if (sql is not null)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        return connection;
    }

    private static string Lines(int from, int count, Func<int, bool>? bad = null)
    {
        var text = new StringBuilder();
        for (var i = from; i < from + count; i++)
            text.Append(bad?.Invoke(i) == true ? "x" : i.ToString(CultureInfo.InvariantCulture)).Append("\tpatient ").Append(i).Append('\n');
        return text.ToString();
    }

    /// <summary>Polls the view until <paramref name="done"/> holds for the COPY's row, for at most 20 s.</summary>
    private static async Task<Dictionary<string, object?>> WaitForProgressAsync(NpgsqlConnection monitor, int pid,
        Func<Dictionary<string, object?>, bool> done)
    {
        Dictionary<string, object?>? last = null;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT pid, datname, relid, command, type, bytes_processed, bytes_total, tuples_processed, tuples_excluded, tuples_skipped " +
                "FROM pg_stat_progress_copy WHERE pid = $1", monitor);
            command.Parameters.AddWithValue(pid);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                last = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
                if (done(last))
                    return last;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("progress never reached the expected state; last row: " +
            (last is null ? "none" : string.Join(", ", last.Select(p => $"{p.Key}={p.Value}"))));
    }

    [Fact]
    public async Task A_running_copy_from_shows_its_rows_bytes_and_skipped_rows_to_another_session()
    {
        var table = NewTable();
        await using var loader = await OpenAsync($"CREATE TABLE {table} (id int, name text)");
        await using var monitor = await OpenAsync();
        var copySql = $"COPY {table} FROM STDIN (ON_ERROR ignore)";
        var writer = await loader.BeginTextImportAsync(copySql);
        var first = Lines(1, 20000, bad: i => i % 1000 == 0);
        await writer.WriteAsync(first);
        await writer.FlushAsync();

        var progress = await WaitForProgressAsync(monitor, loader.ProcessID, row => (long)row["tuples_processed"]! == 19980);
        Assert.Equal("COPY FROM", progress["command"]);
        Assert.Equal("PIPE", progress["type"]);
        Assert.Equal((long)Encoding.UTF8.GetByteCount(first), progress["bytes_processed"]);
        Assert.Equal(0L, progress["bytes_total"]);
        Assert.Equal(20L, progress["tuples_skipped"]);
        Assert.Equal(0L, progress["tuples_excluded"]);
        Assert.Equal("postgres", progress["datname"]);

        await using (var activity = new NpgsqlCommand(
            "SELECT state, query, backend_type, usename, application_name IS NOT NULL FROM pg_stat_activity WHERE pid = $1", monitor))
        {
            activity.Parameters.AddWithValue(loader.ProcessID);
            await using var reader = await activity.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("active", copySql, "client backend", "postgres"), (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        await writer.WriteAsync(Lines(20001, 5000));
        await writer.FlushAsync();
        await WaitForProgressAsync(monitor, loader.ProcessID, row => (long)row["tuples_processed"]! == 24980);
        await writer.DisposeAsync();

        await using (var after = new NpgsqlCommand("SELECT count(*) FROM pg_stat_progress_copy WHERE pid = $1", monitor))
        {
            after.Parameters.AddWithValue(loader.ProcessID);
            Assert.Equal(0L, await after.ExecuteScalarAsync());
        }
        await using (var idle = new NpgsqlCommand("SELECT state, query FROM pg_stat_activity WHERE pid = $1", monitor))
        {
            idle.Parameters.AddWithValue(loader.ProcessID);
            await using var reader = await idle.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("idle", copySql), (reader.GetString(0), reader.GetString(1)));
        }
    }

    [Fact]
    public async Task A_running_copy_to_shows_its_progress_and_each_session_sees_itself_active()
    {
        var table = NewTable();
        await using var exporter = await OpenAsync($"CREATE TABLE {table} (id int, name text)");
        var import = await exporter.BeginTextImportAsync($"COPY {table} FROM STDIN");
        await import.WriteAsync(Lines(1, 200000));
        await import.DisposeAsync();
        await using var monitor = await OpenAsync();

        using var export = await exporter.BeginTextExportAsync($"COPY {table} TO STDOUT");
        Assert.NotNull(await export.ReadLineAsync());
        // The server has sent what the socket buffers hold and waits for this client to read more.
        var progress = await WaitForProgressAsync(monitor, exporter.ProcessID, row => (long)row["tuples_processed"]! > 0);
        Assert.Equal("COPY TO", progress["command"]);
        Assert.True((long)progress["bytes_processed"]! > 0);
        var rows = 1;
        while (await export.ReadLineAsync() is not null)
            rows++;
        Assert.Equal(200000, rows);

        await using var self = new NpgsqlCommand("SELECT state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()", monitor);
        await using var reader = await self.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("active", "SELECT state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()"), (reader.GetString(0), reader.GetString(1)));
    }
}

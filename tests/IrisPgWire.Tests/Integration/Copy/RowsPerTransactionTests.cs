using System.Globalization;
using System.Text;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// ROWS_PER_TRANSACTION, this server's extension for very large loads: a failure keeps every full chunk
/// committed before it, says so in DETAIL, and the load resumes from the line after them.
/// </summary>
[Collection(InProcessServerCollection.Name)]
public class RowsPerTransactionTests(InProcessServer server, ReferencePostgres reference)
{
    private static string NewTable() => "rpt_" + Guid.NewGuid().ToString("N")[..10];

    private static string Lines(int from, int to, int? bad = null)
    {
        var text = new StringBuilder();
        for (var i = from; i <= to; i++)
            text.Append(i == bad ? "oops" : i.ToString(CultureInfo.InvariantCulture)).Append("\tname ").Append(i).Append('\n');
        return text.ToString();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, string? create = null)
    {
        // Npgsql hides DETAIL unless asked: the resume point is in it.
        var connection = new NpgsqlConnection(connectionString + ";Include Error Detail=true");
        await connection.OpenAsync();
        if (create is not null)
        {
            await using var command = new NpgsqlCommand(create, connection);
            await command.ExecuteNonQueryAsync();
        }
        return connection;
    }

    private static async Task<PostgresException?> CopyAsync(NpgsqlConnection connection, string copy, string input)
    {
        try
        {
            var writer = await connection.BeginTextImportAsync(copy);
            await writer.WriteAsync(input);
            await writer.DisposeAsync();
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
    }

    private static async Task<string> DumpAsync(NpgsqlConnection connection, string table)
    {
        var rows = new StringBuilder();
        await using var command = new NpgsqlCommand($"SELECT id, name FROM {table} ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Append(reader.GetInt32(0)).Append('|').Append(reader.GetString(1)).Append('\n');
        return rows.ToString();
    }

    [Fact]
    public async Task A_failed_load_keeps_the_committed_chunks_and_resumes_to_the_same_rows_as_one_clean_load()
    {
        var table = NewTable();
        await using var ours = await OpenAsync(server.ConnectionString, $"CREATE TABLE {table} (id int, name text)");
        // 2,500 rows in chunks of 1,000, with line 2,345 bad: lines 1 to 2,000 stay committed.
        var error = await CopyAsync(ours, $"COPY {table} FROM STDIN (ROWS_PER_TRANSACTION 1000)", Lines(1, 2500, bad: 2345));
        Assert.NotNull(error);
        Assert.Equal("22P02", error.SqlState);
        Assert.Equal("COPY " + table + ", line 2345, column id: \"oops\"", error.Where);
        Assert.Contains("2000 rows were committed before this error", error.Detail, StringComparison.Ordinal);
        Assert.Contains("through line 2000 of the input", error.Detail, StringComparison.Ordinal);
        await using (var count = new NpgsqlCommand($"SELECT count(*), max(id) FROM {table}", ours))
        await using (var reader = await count.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((2000L, 2000), (reader.GetInt64(0), reader.GetInt32(1)));
        }

        // Resume from the line after the committed ones, with the bad line corrected.
        Assert.Null(await CopyAsync(ours, $"COPY {table} FROM STDIN (ROWS_PER_TRANSACTION 1000)", Lines(2001, 2500)));

        await using var theirs = await OpenAsync(reference.ConnectionString, $"CREATE TABLE {table} (id int, name text)");
        Assert.Null(await CopyAsync(theirs, $"COPY {table} FROM STDIN", Lines(1, 2500)));
        Assert.Equal(await DumpAsync(theirs, table), await DumpAsync(ours, table));
    }

    [Fact]
    public async Task A_failure_before_the_first_chunk_commits_nothing_and_says_so()
    {
        var table = NewTable();
        await using var ours = await OpenAsync(server.ConnectionString, $"CREATE TABLE {table} (id int, name text)");
        var error = await CopyAsync(ours, $"COPY {table} FROM STDIN (ROWS_PER_TRANSACTION 1000)", Lines(1, 900, bad: 500));
        Assert.NotNull(error);
        Assert.Contains("No rows were committed", error.Detail, StringComparison.Ordinal);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", ours);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task It_is_refused_inside_a_transaction_block_and_with_copy_to()
    {
        var table = NewTable();
        await using var ours = await OpenAsync(server.ConnectionString, $"CREATE TABLE {table} (id int, name text)");
        await using (var begin = new NpgsqlCommand("BEGIN", ours))
            await begin.ExecuteNonQueryAsync();
        var inBlock = await CopyAsync(ours, $"COPY {table} FROM STDIN (ROWS_PER_TRANSACTION 10)", Lines(1, 5));
        Assert.NotNull(inBlock);
        Assert.Equal(("25001", "COPY ROWS_PER_TRANSACTION cannot run inside a transaction block"), (inBlock.SqlState, inBlock.MessageText));
        await using (var rollback = new NpgsqlCommand("ROLLBACK", ours))
            await rollback.ExecuteNonQueryAsync();

        var copyTo = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var command = new NpgsqlCommand($"COPY {table} TO STDOUT (ROWS_PER_TRANSACTION 10)", ours);
            await command.ExecuteNonQueryAsync();
        });
        Assert.Equal("0A000", copyTo.SqlState);
        var zero = await CopyAsync(ours, $"COPY {table} FROM STDIN (ROWS_PER_TRANSACTION 0)", Lines(1, 5));
        Assert.Equal("22023", zero?.SqlState);
    }
}

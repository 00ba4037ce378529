using System.Text;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Protocol;

/// <summary>The COPY sub-protocol driven byte by byte: CopyFail, disconnects, extended query, ignored Flush/Sync.</summary>
[Collection(InProcessServerCollection.Name)]
public class CopyProtocolTests(InProcessServer server)
{
    private static byte[] CopyData(string text) => RawPgClient.Message('d', Encoding.UTF8.GetBytes(text));
    private static byte[] CopyDone() => RawPgClient.Message('c', []);
    private static byte[] CopyFail(string reason) => RawPgClient.Message('f', RawPgClient.CString(reason));

    private async Task<string> NewTableAsync()
    {
        var table = "cp_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE TABLE {table} (a int, b text)", connection);
        await command.ExecuteNonQueryAsync();
        return table;
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Copy_in_response_then_data_split_across_messages_then_COPY_n()
    {
        var table = await NewTableAsync();
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        var response = await client.ReadMessageAsync();
        Assert.Equal('G', response!.Code);
        Assert.Equal([0, 0, 2, 0, 0, 0, 0], response.Payload);
        await client.SendRawAsync(CopyData("1\to"), CopyData("ne\n2\t"), CopyData("two\n"), CopyDone());
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("COPY 2\0", Encoding.UTF8.GetString(reply[0].Payload));
        Assert.Equal(2, await CountAsync(table));
    }

    [Fact]
    public async Task Copy_fail_is_answered_57014_with_the_clients_reason_and_keeps_nothing()
    {
        var table = await NewTableAsync();
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        await client.SendRawAsync(CopyData("1\tone\n"), CopyFail("user gave up"));
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("57014", reply[0].SqlState);
        Assert.Equal("COPY from stdin failed: user gave up", reply[0].Fields()['M']);
        Assert.Equal('I', (char)reply[^1].Payload[0]);
        Assert.Equal(0, await CountAsync(table));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_copy_leaves_no_rows()
    {
        var table = await NewTableAsync();
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i}\trow {i}\n"));
        await client.SendRawAsync(CopyData(rows));
        await client.DisposeAsync();
        // The server notices the closed socket and rolls back; poll briefly for it to finish.
        for (var i = 0; i < 50 && await CountAsync(table) != 0; i++)
            await Task.Delay(100);
        Assert.Equal(0, await CountAsync(table));
    }

    [Fact]
    public async Task Flush_and_sync_during_copy_in_are_ignored()
    {
        var table = await NewTableAsync();
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        await client.SendRawAsync(CopyData("1\ta\n"), RawPgClient.Flush(), RawPgClient.Sync(), CopyData("2\tb\n"), CopyDone());
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("CZ", string.Concat(reply.Select(m => m.Code)));
        Assert.Equal(2, await CountAsync(table));
    }

    [Fact]
    public async Task An_unexpected_message_during_copy_in_aborts_it_with_08P01()
    {
        var table = await NewTableAsync();
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        await client.SendRawAsync(CopyData("1\ta\n"), RawPgClient.Query("SELECT 1"));
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("08P01", reply[0].SqlState);
        Assert.Equal("unexpected message type 0x51 during COPY from stdin", reply[0].Fields()['M']);
        Assert.Equal(0, await CountAsync(table));
    }

    [Fact]
    public async Task Copy_through_the_extended_protocol_completes_at_sync()
    {
        var table = await NewTableAsync();
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(RawPgClient.Parse("", $"COPY {table} FROM STDIN WITH (FORMAT csv)"), RawPgClient.Bind("", ""),
            RawPgClient.Execute(""), RawPgClient.Sync());
        Assert.Equal('1', (await client.ReadMessageAsync())!.Code);
        Assert.Equal('2', (await client.ReadMessageAsync())!.Code);
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        await client.SendRawAsync(CopyData("1,\"a,b\"\n"), CopyDone(), RawPgClient.Sync());
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("CZ", string.Concat(reply.Select(m => m.Code)));
        Assert.Equal(1, await CountAsync(table));
    }

    [Fact]
    public async Task Statements_after_copy_in_the_same_query_run_after_copy_done()
    {
        var table = await NewTableAsync();
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN; SELECT count(*) FROM {table}"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        await client.SendRawAsync(CopyData("1\ta\n2\tb\n"), CopyDone());
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("CTDCZ", string.Concat(reply.Select(m => m.Code)));
        Assert.EndsWith("2", Encoding.UTF8.GetString(reply[2].Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_copy_inside_a_block_fails_the_block_and_rollback_keeps_nothing()
    {
        var table = await NewTableAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var insert = new NpgsqlCommand($"INSERT INTO {table} VALUES (0, 'before')", connection))
                await insert.ExecuteNonQueryAsync();
            var e = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN");
                await writer.WriteAsync("1\tok\nbad\tx\n");
            });
            Assert.Equal("22P02", e.SqlState);
            Assert.Equal($"COPY {table}, line 2, column a: \"bad\"", e.Where);
            var after = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var select = new NpgsqlCommand("SELECT 1", connection);
                await select.ExecuteScalarAsync();
            });
            Assert.Equal("25P02", after.SqlState);
            await tx.RollbackAsync();
        }
        Assert.Equal(0, await CountAsync(table));
    }
}

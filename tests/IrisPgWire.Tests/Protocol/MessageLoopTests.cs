using System.Text;
using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Protocol;

[Collection(InProcessServerCollection.Name)]
public class MessageLoopTests(InProcessServer server)
{
    [Fact]
    public async Task A_query_arriving_one_byte_at_a_time_is_answered_once_whole()
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendTricklingAsync(RawPgClient.Query("SELECT 41 + 1"), 1);
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("TDCZ", string.Concat(reply.Select(m => m.Code)));
        Assert.Equal("42", Encoding.UTF8.GetString(reply[1].Payload.AsSpan(6)));
    }

    [Fact]
    public async Task An_empty_query_gets_EmptyQueryResponse()
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(RawPgClient.Query("  -- only a comment\n"));
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("IZ", string.Concat(reply.Select(m => m.Code)));
    }

    [Fact]
    public async Task An_unknown_message_type_is_fatal_08P01_and_other_sessions_go_on()
    {
        var (bad, _) = await RawPgClient.StartAsync(server.Port);
        var (good, _) = await RawPgClient.StartAsync(server.Port);
        await using var _b = bad;
        await using var _g = good;
        await bad.SendRawAsync(RawPgClient.Message('!', [1, 2, 3]));
        var error = Assert.Single(await bad.ReadUntilClosedAsync());
        Assert.Equal("FATAL", error.Fields()['S']);
        Assert.Equal("08P01", error.SqlState);

        await good.SendRawAsync(RawPgClient.Query("SELECT 1"));
        Assert.Equal('Z', (await good.ReadUntilReadyAsync())[^1].Code);
    }

    [Fact]
    public async Task A_message_length_over_the_limit_is_fatal_08P01()
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        // A Sync claiming 1 MB: over PostgreSQL's small-message limit, refused from its header alone.
        await client.SendRawAsync([(byte)'S', 0, 0x10, 0, 0]);
        var error = Assert.Single(await client.ReadUntilClosedAsync());
        Assert.Equal("08P01", error.SqlState);
    }

    [Fact]
    public async Task A_malformed_message_body_is_fatal_08P01()
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        // A Query whose string has no terminator.
        await client.SendRawAsync(RawPgClient.Message('Q', "SELECT 1"u8));
        var error = Assert.Single(await client.ReadUntilClosedAsync());
        Assert.Equal("08P01", error.SqlState);
        Assert.Equal("invalid message format in Query message", error.Fields()['M']);
    }

    [Fact]
    public async Task After_an_extended_query_error_messages_are_discarded_until_Sync()
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(
            RawPgClient.Bind("", "no_such_statement"),
            RawPgClient.Execute(""),
            RawPgClient.Parse("", "SELECT 1"),
            RawPgClient.Sync(),
            RawPgClient.Parse("", "SELECT 2"),
            RawPgClient.Bind("", ""),
            RawPgClient.Execute(""),
            RawPgClient.Sync());
        var first = await client.ReadUntilReadyAsync();
        Assert.Equal("EZ", string.Concat(first.Select(m => m.Code)));
        Assert.Equal("26000", first[0].SqlState);
        Assert.Equal("prepared statement \"no_such_statement\" does not exist", first[0].Fields()['M']);
        var second = await client.ReadUntilReadyAsync();
        Assert.Equal("12DCZ", string.Concat(second.Select(m => m.Code)));
    }

    [Fact]
    public async Task Execute_with_a_row_limit_suspends_the_portal_and_resumes_it()
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        await client.SendRawAsync(
            RawPgClient.Parse("s", "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"),
            RawPgClient.Bind("p", "s"),
            RawPgClient.Execute("p", 2),
            RawPgClient.Execute("p", 2),
            RawPgClient.Sync());
        var reply = await client.ReadUntilReadyAsync();
        Assert.Equal("12DDsDCZ", string.Concat(reply.Select(m => m.Code)));
        Assert.Equal("SELECT 1\0", Encoding.UTF8.GetString(reply[^2].Payload));
    }

    [Fact]
    public async Task Ready_for_query_reports_idle_in_block_and_failed()
    {
        var (client, _) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        async Task<char> Status(string sql)
        {
            await client.SendRawAsync(RawPgClient.Query(sql));
            return (char)(await client.ReadUntilReadyAsync())[^1].Payload[0];
        }
        Assert.Equal('T', await Status("BEGIN"));
        Assert.Equal('E', await Status("SELECT * FROM no_such_table"));
        Assert.Equal('E', await Status("SELECT 1"));
        Assert.Equal('I', await Status("ROLLBACK"));
    }

    [Fact]
    public async Task A_cancel_request_with_the_wrong_key_changes_nothing()
    {
        var (client, startup) = await RawPgClient.StartAsync(server.Port);
        await using var _c = client;
        var key = startup.Single(m => m.Code == 'K').Payload;
        var cancel = new byte[16];
        cancel[3] = 16;
        new byte[] { 0x04, 0xD2, 0x16, 0x2E }.CopyTo(cancel, 4);
        key.AsSpan(0, 4).CopyTo(cancel.AsSpan(8));
        cancel[12] = (byte)~key[4];
        await using (var canceller = await RawPgClient.ConnectAsync(server.Port))
        {
            await canceller.SendRawAsync(cancel);
            Assert.Empty(await canceller.ReadUntilClosedAsync());
        }
        await client.SendRawAsync(RawPgClient.Query("SELECT 1"));
        Assert.DoesNotContain((await client.ReadUntilReadyAsync()), m => m.Code == 'E');
    }
}

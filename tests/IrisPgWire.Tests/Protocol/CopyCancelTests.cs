using System.Buffers.Binary;
using System.Text;
using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Protocol;

/// <summary>Cancelling a COPY FROM STDIN, on the server and on PostgreSQL 15, driven byte by byte.</summary>
[Collection(InProcessServerCollection.Name)]
public class CopyCancelTests(InProcessServer server, ReferencePostgres reference)
{
    private static byte[] CopyData(string text) => RawPgClient.Message('d', Encoding.UTF8.GetBytes(text));

    /// <summary>Starts a COPY, sends two lines, cancels, sends a third: returns the error's fields and the rows kept.</summary>
    private static async Task<(string SqlState, string Message, string Context, string Count)> CancelMidCopyAsync(int port, string table,
        string? setting)
    {
        var (client, startup) = await RawPgClient.StartAsync(port);
        await using var _ = client;
        var key = startup.Single(m => m.Code == 'K').Payload;
        await client.SendRawAsync(RawPgClient.Query($"CREATE TABLE {table} (a int, b text)" + (setting is null ? "" : "; " + setting)));
        await client.ReadUntilReadyAsync();
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        await client.SendRawAsync(CopyData("1\tone\n2\ttwo\n"));
        if (setting is null)
        {
            await Task.Delay(300);
            var cancel = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(cancel, 16);
            BinaryPrimitives.WriteInt32BigEndian(cancel.AsSpan(4), 80877102);
            key.CopyTo(cancel, 8);
            await using var canceller = await RawPgClient.ConnectAsync(port);
            await canceller.SendRawAsync(cancel);
            await canceller.ReadUntilClosedAsync();
        }
        await Task.Delay(setting is null ? 300 : 600);
        await client.SendRawAsync(CopyData("3\tthree\n"));
        var reply = await client.ReadUntilReadyAsync();
        var error = reply.First(m => m.Code == 'E').Fields();
        await client.SendRawAsync(RawPgClient.Message('c', []), RawPgClient.Query($"SELECT count(*) FROM {table}"));
        var counted = await client.ReadUntilReadyAsync();
        var count = Encoding.UTF8.GetString(counted.First(m => m.Code == 'D').Payload.AsSpan(6));
        return (error['C'], error['M'], error['W'].Replace(table, "t", StringComparison.Ordinal), count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("SET statement_timeout = 300")]
    public async Task A_cancelled_or_timed_out_copy_stops_at_the_next_line_and_keeps_nothing(string? setting)
    {
        var table = "cc_" + Guid.NewGuid().ToString("N")[..10];
        var theirs = await CancelMidCopyAsync(reference.Port, table, setting);
        var ours = await CancelMidCopyAsync(server.Port, table, setting);
        Assert.Equal("57014", theirs.SqlState);
        Assert.Equal(theirs, ours);
        Assert.Equal("0", ours.Count);
    }
}

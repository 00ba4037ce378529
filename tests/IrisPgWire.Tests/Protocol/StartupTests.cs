using System.Text;
using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Protocol;

[Collection(InProcessServerCollection.Name)]
public class StartupTests(InProcessServer server)
{
    [Fact]
    public async Task Startup_reports_the_parameters_clients_rely_on_then_key_data_and_idle()
    {
        var (client, messages) = await RawPgClient.StartAsync(server.Port, ("application_name", "raw-test"));
        await using var _ = client;
        Assert.Equal('R', messages[0].Code);
        Assert.Equal([0, 0, 0, 0], messages[0].Payload);
        var reported = messages.Where(m => m.Code == 'S')
            .Select(m => Encoding.UTF8.GetString(m.Payload).TrimEnd('\0').Split('\0'))
            .ToDictionary(p => p[0], p => p[1]);
        foreach (var name in new[] { "server_version", "server_encoding", "client_encoding", "DateStyle", "IntervalStyle", "TimeZone",
                     "integer_datetimes", "standard_conforming_strings", "application_name", "is_superuser", "session_authorization" })
            Assert.Contains(name, reported.Keys);
        Assert.Equal("raw-test", reported["application_name"]);
        Assert.Equal("postgres", reported["session_authorization"]);
        Assert.Equal("on", reported["standard_conforming_strings"]);
        Assert.Equal('K', messages[^2].Code);
        Assert.Equal(8, messages[^2].Payload.Length);
        Assert.Equal(new BackendMessage('Z', [(byte)'I']), messages[^1], new MessageComparer());
    }

    [Fact]
    public async Task An_ssl_request_is_answered_N_and_a_plain_startup_follows()
    {
        await using var client = await RawPgClient.ConnectAsync(server.Port);
        await client.SendRawAsync([0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F]);
        Assert.Equal((byte)'N', await client.ReadByteAsync());
        await client.SendStartupAsync([("user", "postgres")]);
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal('R', messages[0].Code);
    }

    [Fact]
    public async Task A_startup_without_a_user_gets_fatal_28000_and_the_connection_closes()
    {
        await using var client = await RawPgClient.ConnectAsync(server.Port);
        await client.SendStartupAsync([("database", "postgres")]);
        var messages = await client.ReadUntilClosedAsync();
        var error = Assert.Single(messages);
        Assert.Equal("FATAL", error.Fields()['S']);
        Assert.Equal("28000", error.SqlState);
        Assert.Equal("no PostgreSQL user name specified in startup packet", error.Fields()['M']);
    }

    [Fact]
    public async Task Protocol_version_2_is_refused_as_PostgreSQL_refuses_it()
    {
        await using var client = await RawPgClient.ConnectAsync(server.Port);
        await client.SendStartupAsync([("user", "postgres")], version: 2 << 16);
        var error = Assert.Single(await client.ReadUntilClosedAsync());
        Assert.Equal("0A000", error.SqlState);
        Assert.Equal("unsupported frontend protocol 2.0: server supports 3.0 to 3.0", error.Fields()['M']);
    }

    [Fact]
    public async Task A_newer_minor_version_is_negotiated_down_to_3_0()
    {
        await using var client = await RawPgClient.ConnectAsync(server.Port);
        await client.SendStartupAsync([("user", "postgres"), ("_pq_.extension", "x")], version: (3 << 16) | 2);
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal('v', messages[0].Code);
        Assert.Equal(0, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(messages[0].Payload));
        Assert.Equal(1, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(messages[0].Payload.AsSpan(4)));
        Assert.Equal("_pq_.extension\0", Encoding.UTF8.GetString(messages[0].Payload.AsSpan(8)));
        Assert.Equal('R', messages[1].Code);
    }

    [Fact]
    public async Task An_unknown_startup_setting_is_fatal_42704()
    {
        await using var client = await RawPgClient.ConnectAsync(server.Port);
        await client.SendStartupAsync([("user", "postgres"), ("no_such_setting", "1")]);
        var error = Assert.Single(await client.ReadUntilClosedAsync());
        Assert.Equal("42704", error.SqlState);
        Assert.Equal("unrecognized configuration parameter \"no_such_setting\"", error.Fields()['M']);
    }

    [Fact]
    public async Task Settings_in_the_options_parameter_apply()
    {
        var (client, messages) = await RawPgClient.StartAsync(server.Port, ("options", "-c DateStyle=SQL,DMY --extra-float-digits=2"));
        await using var _ = client;
        Assert.Contains(messages, m => m.Code == 'S' && Encoding.UTF8.GetString(m.Payload) == "DateStyle\0SQL, DMY\0");
        await client.SendRawAsync(RawPgClient.Query("SHOW extra_float_digits"));
        var reply = await client.ReadUntilReadyAsync();
        Assert.Contains(reply, m => m.Code == 'D' && Encoding.UTF8.GetString(m.Payload).EndsWith("2", StringComparison.Ordinal));
    }

    private sealed class MessageComparer : IEqualityComparer<BackendMessage>
    {
        public bool Equals(BackendMessage? x, BackendMessage? y) => x!.Code == y!.Code && x.Payload.SequenceEqual(y.Payload);
        public int GetHashCode(BackendMessage obj) => obj.Code;
    }
}

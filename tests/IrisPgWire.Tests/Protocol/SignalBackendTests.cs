using System.Buffers.Binary;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Protocol;

/// <summary>pg_cancel_backend and pg_terminate_backend from another session, as PostgreSQL 15 answers them.</summary>
[Collection(InProcessServerCollection.Name)]
public class SignalBackendTests(InProcessServer server, ReferencePostgres reference)
{
    private static async Task<bool> SignalAsync(string connectionString, string function, int pid)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {function}({pid})", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A session in a COPY that another session cancels or terminates: what it then receives.</summary>
    private static async Task<(bool Signalled, string Outcome)> SignalCopyingSessionAsync(int port, string connectionString, string function)
    {
        var table = "sig_" + Guid.NewGuid().ToString("N")[..10];
        var (client, startup) = await RawPgClient.StartAsync(port);
        await using var _ = client;
        var pid = BinaryPrimitives.ReadInt32BigEndian(startup.Single(m => m.Code == 'K').Payload);
        await client.SendRawAsync(RawPgClient.Query($"CREATE TABLE {table} (a int)"));
        await client.ReadUntilReadyAsync();
        await client.SendRawAsync(RawPgClient.Query($"COPY {table} FROM STDIN"));
        Assert.Equal('G', (await client.ReadMessageAsync())!.Code);
        await client.SendRawAsync(RawPgClient.Message('d', "1\n"u8));
        var signalled = await SignalAsync(connectionString, function, pid);
        await Task.Delay(300);
        await client.SendRawAsync(RawPgClient.Message('d', "2\n"u8));
        var reply = await client.ReadMessageAsync();
        var fields = reply!.Fields();
        var outcome = $"{fields['S']} {fields['C']} {fields['M']}";
        if (fields['S'] != "FATAL")
        {
            await client.ReadUntilReadyAsync();
            await client.SendRawAsync(RawPgClient.Query($"DROP TABLE {table}"));
            await client.ReadUntilReadyAsync();
        }
        return (signalled, outcome);
    }

    [Theory]
    [InlineData("pg_cancel_backend")]
    [InlineData("pg_terminate_backend")]
    public async Task Signalling_a_session_mid_copy_acts_as_in_PostgreSQL(string function)
    {
        var theirs = await SignalCopyingSessionAsync(reference.Port, reference.ConnectionString, function);
        var ours = await SignalCopyingSessionAsync(server.Port, server.ConnectionString, function);
        Assert.True(theirs.Signalled);
        Assert.Equal(theirs, ours);
    }
}

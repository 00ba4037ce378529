using System.Text;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>Exports read back, and exports cut short by the client.</summary>
[Collection(InProcessServerCollection.Name)]
public class CopyRoundTripTests(InProcessServer server, ReferencePostgres reference)
{
    private const string Columns = "id int, name text, price numeric(10,2), born date, seen timestamptz, span interval, tags text[], doc jsonb, raw bytea";

    private const string Rows = """
        (1, E'a,"b"\n\tc\\d', 10.5, '2024-02-29', '2024-05-06 07:08:09.5+02', '1 day', '{x,"y z"}', '{"k": [1, 2]}', '\x00ff'),
        (2, '', null, null, null, null, '{}', 'null', '\x'),
        (3, null, -0.01, '1900-01-01', '1999-12-31 23:59:59+00', '-2 hours', '{NULL}', '[]', null)
        """;

    [Theory]
    [InlineData("(FORMAT csv, HEADER)")]
    [InlineData("(FORMAT text)")]
    [InlineData("(FORMAT binary)")]
    public async Task A_backup_taken_with_copy_to_loads_back_into_identical_rows(string options)
    {
        var table = "rt_" + Guid.NewGuid().ToString("N")[..10];
        await using var ours = new NpgsqlConnection(server.ConnectionString);
        await using var theirs = new NpgsqlConnection(reference.ConnectionString);
        await ours.OpenAsync();
        await theirs.OpenAsync();
        foreach (var c in new[] { ours, theirs })
        {
            await Exec(c, $"CREATE TABLE {table} ({Columns}); CREATE TABLE {table}_copy ({Columns})");
            await Exec(c, $"INSERT INTO {table} VALUES {Rows}");
        }
        var binary = options.Contains("binary", StringComparison.Ordinal);
        var backup = await Export(ours, $"COPY {table} TO STDOUT {options}", binary);
        Assert.Equal(await Export(theirs, $"COPY {table} TO STDOUT {options}", binary), backup);
        if (binary)
        {
            await using var stream = await ours.BeginRawBinaryCopyAsync($"COPY {table}_copy FROM STDIN {options}");
            await stream.WriteAsync(backup);
        }
        else
        {
            await using var writer = await ours.BeginTextImportAsync($"COPY {table}_copy FROM STDIN {options}");
            await writer.WriteAsync(Encoding.UTF8.GetString(backup));
        }
        Assert.Equal(await Text(ours, table), await Text(ours, table + "_copy"));
        Assert.Equal(await Text(theirs, table), await Text(ours, table + "_copy"));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_export_leaves_the_server_serving()
    {
        var table = "big_out_" + Guid.NewGuid().ToString("N")[..10];
        await using (var setup = new NpgsqlConnection(server.ConnectionString))
        {
            await setup.OpenAsync();
            await Exec(setup, $"CREATE TABLE {table} (id int, pad text)");
            var data = new StringBuilder();
            for (var i = 0; i < 200_000; i++)
                data.Append(i).Append('\t').Append('x', 50).Append('\n');
            await using var writer = await setup.BeginTextImportAsync($"COPY {table} FROM STDIN");
            await writer.WriteAsync(data.ToString());
        }
        var (client, _) = await Protocol.RawPgClient.StartAsync(server.Port);
        await client.SendRawAsync(Protocol.RawPgClient.Query($"COPY {table} TO STDOUT"));
        Assert.Equal('H', (await client.ReadMessageAsync())!.Code);
        Assert.Equal('d', (await client.ReadMessageAsync())!.Code);
        await client.DisposeAsync();

        await using var after = new NpgsqlConnection(server.ConnectionString);
        await after.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", after);
        Assert.Equal(200_000L, (long)(await count.ExecuteScalarAsync())!);
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<byte[]> Export(NpgsqlConnection connection, string copy, bool binary)
    {
        if (!binary)
        {
            using var reader = await connection.BeginTextExportAsync(copy);
            return Encoding.UTF8.GetBytes(await reader.ReadToEndAsync());
        }
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<string> Text(NpgsqlConnection connection, string table)
    {
        using var reader = await connection.BeginTextExportAsync($"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT");
        return await reader.ReadToEndAsync();
    }
}

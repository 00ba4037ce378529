using IrisPgWire.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>COPY in the BINARY format through Npgsql, compared byte for byte with PostgreSQL 15.</summary>
[Collection(InProcessServerCollection.Name)]
public class CopyBinaryTests(InProcessServer server, ReferencePostgres reference)
{
    private const string Columns =
        "id int, small smallint, big bigint, name text, code varchar(10), price numeric(12,3), ratio double precision, " +
        "r real, ok boolean, born date, seen timestamp, at timestamptz, raw bytea, u uuid, j json, jb jsonb, span interval, tags text[], nums int[]";

    private const string Rows = """
        (1, -3, 9000000000, 'Zoë', 'ab', 1234.5, 0.1, 1.5, true, '2024-02-29', '2024-05-06 07:08:09.123456', '2024-05-06 07:08:09+02', '\x00ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b":1}', '{"b": 1, "a": [1.50]}', '1 year 2 mons 3 days 04:05:06.5', '{a,"b c",NULL}', '{{1,2},{3,4}}'),
        (2, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
        (3, 0, -1, '', '', -0.001, -1e-300, 'NaN', false, '1970-01-01', '1999-12-31 23:59:59', '2000-01-01 00:00:00+00', '\x', '00000000-0000-0000-0000-000000000000', '[]', 'null', '-1 days +02:00:00', '{}', '{7}'),
        (4, 32767, 0, E'line\nbreak', 'x', 99999999.999, 'Infinity', '-Infinity', true, 'infinity', '-infinity', 'infinity', 'abc', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '"s"', '[1, "a", null]', '00:00:00', '{""}', '{NULL,1}')
        """;

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<byte[]> RawExportAsync(NpgsqlConnection connection, string copy)
    {
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task RawImportAsync(NpgsqlConnection connection, string copy, byte[] data)
    {
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy);
        await stream.WriteAsync(data);
    }

    private static async Task<string> TextExportAsync(NpgsqlConnection connection, string table)
    {
        using var reader = await connection.BeginTextExportAsync($"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT");
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Binary_export_is_byte_identical_to_PostgreSQL()
    {
        var table = "bin_" + Guid.NewGuid().ToString("N")[..10];
        await using var ours = await OpenAsync(server.ConnectionString);
        await using var theirs = await OpenAsync(reference.ConnectionString);
        foreach (var c in new[] { ours, theirs })
        {
            await ExecAsync(c, $"CREATE TABLE {table} ({Columns})");
            await ExecAsync(c, $"INSERT INTO {table} VALUES {Rows}");
        }
        var copy = $"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT (FORMAT binary)";
        Assert.Equal(await RawExportAsync(theirs, copy), await RawExportAsync(ours, copy));
    }

    [Fact]
    public async Task PostgreSQLs_binary_export_imports_into_the_server_with_every_value_kept()
    {
        var table = "bin_" + Guid.NewGuid().ToString("N")[..10];
        await using var ours = await OpenAsync(server.ConnectionString);
        await using var theirs = await OpenAsync(reference.ConnectionString);
        await ExecAsync(theirs, $"CREATE TABLE {table} ({Columns})");
        await ExecAsync(theirs, $"INSERT INTO {table} VALUES {Rows}");
        await ExecAsync(ours, $"CREATE TABLE {table} ({Columns})");
        var data = await RawExportAsync(theirs, $"COPY {table} TO STDOUT (FORMAT binary)");
        await RawImportAsync(ours, $"COPY {table} FROM STDIN (FORMAT binary)", data);
        Assert.Equal(await TextExportAsync(theirs, table), await TextExportAsync(ours, table));
    }

    [Fact]
    public async Task Npgsql_binary_importer_and_exporter_round_trip_typed_values()
    {
        var table = "bin_" + Guid.NewGuid().ToString("N")[..10];
        await using var connection = await OpenAsync(server.ConnectionString);
        await ExecAsync(connection, $"CREATE TABLE {table} (id int, name text, price numeric(10,2), born date, seen timestamp, ok boolean)");
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table} (id, name, price, born, seen, ok) FROM STDIN (FORMAT binary)"))
        {
            for (var i = 0; i < 1000; i++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(i, NpgsqlDbType.Integer);
                await importer.WriteAsync($"name {i}", NpgsqlDbType.Text);
                await importer.WriteAsync(i + 0.25m, NpgsqlDbType.Numeric);
                await importer.WriteAsync(new DateOnly(2000, 1, 1).AddDays(i), NpgsqlDbType.Date);
                await importer.WriteAsync(new DateTime(2024, 1, 1, 0, 0, 0).AddSeconds(i), NpgsqlDbType.Timestamp);
                if (i % 7 == 0)
                    await importer.WriteNullAsync();
                else
                    await importer.WriteAsync(i % 2 == 0, NpgsqlDbType.Boolean);
            }
            Assert.Equal(1000UL, await importer.CompleteAsync());
        }
        await using var exporter = await connection.BeginBinaryExportAsync($"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT (FORMAT binary)");
        var n = 0;
        while (await exporter.StartRowAsync() != -1)
        {
            Assert.Equal(n, await exporter.ReadAsync<int>());
            Assert.Equal($"name {n}", await exporter.ReadAsync<string>());
            Assert.Equal(n + 0.25m, await exporter.ReadAsync<decimal>());
            Assert.Equal(new DateOnly(2000, 1, 1).AddDays(n), await exporter.ReadAsync<DateOnly>());
            Assert.Equal(new DateTime(2024, 1, 1).AddSeconds(n), await exporter.ReadAsync<DateTime>(NpgsqlDbType.Timestamp));
            if (n % 7 == 0)
            {
                Assert.True(exporter.IsNull);
                await exporter.SkipAsync();
            }
            else
            {
                Assert.Equal(n % 2 == 0, await exporter.ReadAsync<bool>());
            }
            n++;
        }
        Assert.Equal(1000, n);
    }

    public static TheoryData<string, byte[]> MalformedInputs() => new()
    {
        { "bad_signature", "PGCOPY\nX\r\n\0"u8.ToArray() },
        { "truncated_header", [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0] },
        { "wrong_field_count", [.. Header(), 0, 3, 0, 0, 0, 4, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] },
        { "truncated_tuple", [.. Header(), 0, 2, 0, 0, 0, 4, 0, 0] },
        { "data_after_trailer", [.. Header(), 0xFF, 0xFF, 1] },
        { "long_int_field", [.. Header(), 0, 2, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] },
        { "oids_flag", [.. Signature(), 0, 1, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] },
    };

    private static byte[] Signature() => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private static byte[] Header() => [.. Signature(), 0, 0, 0, 0, 0, 0, 0, 0];

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public async Task Malformed_binary_input_fails_as_in_PostgreSQL_and_keeps_nothing(string name, byte[] data)
    {
        _ = name;
        var table = "binbad_" + Guid.NewGuid().ToString("N")[..10];
        var errors = new List<(string, string, string?)>();
        foreach (var connectionString in new[] { reference.ConnectionString, server.ConnectionString })
        {
            await using var connection = await OpenAsync(connectionString);
            await ExecAsync(connection, $"CREATE TABLE {table} (a int, b text)");
            var e = await Assert.ThrowsAsync<PostgresException>(() => RawImportAsync(connection, $"COPY {table} FROM STDIN (FORMAT binary)", data));
            errors.Add((e.SqlState, e.MessageText, e.Where?.Replace(table, "t", StringComparison.Ordinal)));
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }
        Assert.Equal(errors[0], errors[1]);
    }
}

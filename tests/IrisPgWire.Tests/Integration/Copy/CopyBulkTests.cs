using System.Text;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>Large COPY FROM loads through psql, on the server and on PostgreSQL 15, compared.</summary>
[Collection(InProcessServerCollection.Name)]
public class CopyBulkTests(InProcessServer server, ReferencePostgres reference)
{
    private static async Task<ClientResult> PsqlAsync(int port, string command, string? stdin = null) =>
        await Psql.RunAsync(port, ["-v", "ON_ERROR_STOP=1", "-At", "-c", command], stdin);

    [Fact]
    public async Task A_million_row_load_with_one_bad_row_near_the_end_keeps_nothing_and_says_where()
    {
        var table = "bulk_" + Guid.NewGuid().ToString("N")[..10];
        var data = new StringBuilder(24 * 1_000_000);
        for (var i = 1; i <= 1_000_000; i++)
        {
            if (i == 999_990)
                data.Append("not_a_number\tbad row\n");
            else
                data.Append(i).Append("\tpatient ").Append(i).Append('\n');
        }
        var input = data.ToString();
        foreach (var port in new[] { server.Port, reference.Port })
            Assert.Equal(0, (await PsqlAsync(port, $"CREATE TABLE {table} (id int, name text)")).ExitCode);

        var ours = await PsqlAsync(server.Port, $"COPY {table} FROM STDIN", input);
        var theirs = await PsqlAsync(reference.Port, $"COPY {table} FROM STDIN", input);
        Assert.NotEqual(0, theirs.ExitCode);
        Assert.Equal(theirs.Stderr, ours.Stderr);
        Assert.Contains("line 999990, column id: \"not_a_number\"", ours.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", (await PsqlAsync(server.Port, $"SELECT count(*) FROM {table}")).Stdout.Trim());

        // The same data without the bad row loads completely.
        var good = input.Replace("not_a_number\tbad row\n", "999990\tpatient 999990\n", StringComparison.Ordinal);
        var loaded = await PsqlAsync(server.Port, $"COPY {table} FROM STDIN", good);
        Assert.Equal("COPY 1000000", loaded.Stdout.Trim());
        Assert.Equal("1000000|500000500000", (await PsqlAsync(server.Port, $"SELECT count(*), sum(id) FROM {table}")).Stdout.Trim());
        await PsqlAsync(server.Port, $"DROP TABLE {table}");
        await PsqlAsync(reference.Port, $"DROP TABLE {table}");
    }

    [Fact]
    public async Task A_ten_megabyte_field_round_trips_exactly()
    {
        var table = "big_" + Guid.NewGuid().ToString("N")[..10];
        var value = string.Concat(Enumerable.Range(0, 10 * 1024 * 1024 / 16).Select(i => (i % 7 == 0 ? "ü" : "x") + i.ToString("x14", System.Globalization.CultureInfo.InvariantCulture) + "."));
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id int, doc text)", connection))
            await create.ExecuteNonQueryAsync();
        await using (var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN"))
            await writer.WriteAsync("1\t" + value + "\n");
        await using var select = new NpgsqlCommand($"SELECT doc FROM {table}", connection);
        Assert.Equal(value, (string)(await select.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Psql_backslash_copy_from_a_csv_file_with_header_matches_PostgreSQL()
    {
        var table = "pat_" + Guid.NewGuid().ToString("N")[..10];
        var file = Path.Combine(Path.GetTempPath(), table + ".csv");
        await File.WriteAllTextAsync(file, "PatientID,FirstName,DateOfBirth,Status\n1,Ada,1815-12-10,active\n2,\"O'Brien, Pat\",1990-02-28,\n3,Zoë,2000-01-01,\"\"\n");
        try
        {
            var script = $"""
                CREATE TABLE {table} (patientid int PRIMARY KEY, firstname text, dateofbirth date, status text);
                \copy {table} from '{file}' with (format csv, header)
                SELECT * FROM {table} ORDER BY 1;
                SELECT count(*) FROM {table} WHERE status IS NULL;
                DROP TABLE {table};
                """;
            var ours = await Psql.RunAsync(server.Port, ["-v", "ON_ERROR_STOP=1"], script);
            var theirs = await Psql.RunAsync(reference.Port, ["-v", "ON_ERROR_STOP=1"], script);
            Assert.Equal(0, theirs.ExitCode);
            Assert.Equal(theirs.Stdout, ours.Stdout);
            Assert.Contains("COPY 3", ours.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using System.Globalization;
using System.Text;
using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// A store failure well into a large COPY, after many batches were already written: the client gets
/// PostgreSQL's error, nothing of the COPY is kept, and the session goes on.
/// </summary>
[Collection(InProcessServerCollection.Name)]
public class CopyStoreFailureTests(InProcessServer server, ReferencePostgres reference)
{
    private static async Task<(string SqlState, string Message, string? Detail, string? Where, long Count, long After)> LoadAsync(
        string connectionString, string table, string input)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Include Error Detail=true");
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id int PRIMARY KEY, name text)", connection))
            await create.ExecuteNonQueryAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN");
            await writer.WriteAsync(input);
            await writer.DisposeAsync();
        });
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        var rows = (long)(await count.ExecuteScalarAsync())!;
        await using var insert = new NpgsqlCommand($"INSERT INTO {table} VALUES (1, 'after')", connection);
        var after = (long)await insert.ExecuteNonQueryAsync();
        return (error.SqlState, error.MessageText, error.Detail, error.Where?.Replace(table, "t", StringComparison.Ordinal), rows, after);
    }

    [Fact]
    public async Task A_duplicate_key_in_a_late_batch_is_reported_as_PostgreSQL_reports_it_and_keeps_nothing()
    {
        var input = new StringBuilder();
        for (var i = 1; i <= 60000; i++)
            input.Append(i == 55555 ? 7 : i).Append("\tname ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var table = "sf_" + Guid.NewGuid().ToString("N")[..10];
        var theirs = await LoadAsync(reference.ConnectionString, table, input.ToString());
        var ours = await LoadAsync(server.ConnectionString, table, input.ToString());
        Assert.Equal("23505", theirs.SqlState);
        Assert.Equal(theirs, ours);
        Assert.Equal(0, ours.Count);
    }
}

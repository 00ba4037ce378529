using System.Text;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Iris;

/// <summary>
/// The COPY scenarios against a real IRIS, compared with the reference PostgreSQL 15: TEXT, CSV and BINARY in and
/// out, an error that must carry PostgreSQL's CONTEXT, and a rollback. Runs only where IRIS_TEST_CONNECTION is set
/// (see <see cref="IrisTheoryAttribute"/>); this project's machines have no IRIS, so here it is reported as skipped.
/// The column types are those IRIS holds exactly (int, varchar, numeric(p,s) with p ≤ 18, date, timestamp, boolean, text).
/// </summary>
public sealed class IrisCopyTests(IrisTestServer iris) : IClassFixture<IrisTestServer>
{
    private const string Columns = "id int PRIMARY KEY, name varchar(40), amount numeric(10,2), born date, seen timestamp, flag boolean, note text";

    private const string TextRows =
        "1\tAda\t10.50\t1815-12-10\t2024-05-06 07:08:09.5\tt\tfirst \\\"row\\\"\n" +
        "2\t\t\\N\t\\N\t\\N\tf\t\n" +
        "3\t\\N\t-0.01\t1900-01-01\t1999-12-31 23:59:59\t\\N\ttab\\there, back\\\\slash\n";

    public static TheoryData<string> Scenarios => new() { "text", "csv", "binary", "unique-violation-context", "rollback" };

    [IrisTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Copy_scenario_behaves_as_on_postgres(string scenario)
    {
        var table = "iris_copy_" + Guid.NewGuid().ToString("N")[..10];
        await using var ours = new NpgsqlConnection(iris.ConnectionString);
        await using var theirs = new NpgsqlConnection(iris.Reference!.ConnectionString);
        await ours.OpenAsync();
        await theirs.OpenAsync();
        foreach (var c in new[] { ours, theirs })
            await Exec(c, $"CREATE TABLE {table} ({Columns})");
        try
        {
            switch (scenario)
            {
                case "text":
                case "csv":
                    await RoundTrip(ours, theirs, table, scenario == "csv" ? "(FORMAT csv)" : "(FORMAT text)");
                    break;
                case "binary":
                    await RoundTrip(ours, theirs, table, "(FORMAT binary)");
                    break;
                case "unique-violation-context":
                    await UniqueViolation(ours, theirs, table);
                    break;
                default:
                    await Rollback(ours, theirs, table);
                    break;
            }
        }
        finally
        {
            foreach (var c in new[] { ours, theirs })
                await Exec(c, $"DROP TABLE IF EXISTS {table}");
        }
    }

    private static async Task RoundTrip(NpgsqlConnection ours, NpgsqlConnection theirs, string table, string options)
    {
        // The input is the reference's own output for the rows, in the format under test.
        await Import(theirs, table, "(FORMAT text)", Encoding.UTF8.GetBytes(TextRows));
        var input = await Export(theirs, $"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT {options}");
        await Import(ours, table, options, input);
        Assert.Equal(input, await Export(ours, $"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT {options}"));
        // COPY of the table itself has no order; as text its lines are compared as a set.
        var whole = await Export(ours, $"COPY {table} TO STDOUT {options}");
        if (options.Contains("binary", StringComparison.Ordinal))
            Assert.Equal(input.Length, whole.Length);
        else
            Assert.Equal(Lines(input), Lines(whole));
    }

    private static async Task UniqueViolation(NpgsqlConnection ours, NpgsqlConnection theirs, string table)
    {
        var data = Encoding.UTF8.GetBytes("1\ta\t1\t\\N\t\\N\tt\tx\n2\tb\t2\t\\N\t\\N\tt\ty\n1\tc\t3\t\\N\t\\N\tt\tz\n");
        var expected = await Assert.ThrowsAsync<PostgresException>(() => Import(theirs, table, "(FORMAT text)", data));
        var actual = await Assert.ThrowsAsync<PostgresException>(() => Import(ours, table, "(FORMAT text)", data));
        Assert.Equal(expected.SqlState, actual.SqlState);
        Assert.Equal(expected.Where, actual.Where);
        Assert.Equal(await Count(theirs, table), await Count(ours, table));
    }

    private static async Task Rollback(NpgsqlConnection ours, NpgsqlConnection theirs, string table)
    {
        foreach (var c in new[] { ours, theirs })
        {
            await using var transaction = await c.BeginTransactionAsync();
            await Import(c, table, "(FORMAT text)", Encoding.UTF8.GetBytes(TextRows));
            Assert.Equal(3L, await Count(c, table));
            await transaction.RollbackAsync();
        }
        Assert.Equal(0L, await Count(ours, table));
        Assert.Equal(await Count(theirs, table), await Count(ours, table));
    }

    private static async Task Import(NpgsqlConnection c, string table, string options, byte[] data)
    {
        await using var stream = await c.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN {options}");
        await stream.WriteAsync(data);
    }

    private static async Task<byte[]> Export(NpgsqlConnection c, string copy)
    {
        await using var stream = await c.BeginRawBinaryCopyAsync(copy);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static string[] Lines(byte[] text) =>
        [.. Encoding.UTF8.GetString(text).Split('\n').Order(StringComparer.Ordinal)];

    private static async Task<long> Count(NpgsqlConnection c, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", c);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Exec(NpgsqlConnection c, string sql)
    {
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync();
    }
}

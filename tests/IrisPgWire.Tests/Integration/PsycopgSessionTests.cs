using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration;

/// <summary>psycopg 3, unchanged, against the server on the embedded store and on the postgres backend.</summary>
public abstract class PsycopgSessionTests(ITestServer server)
{
    [Collection(InProcessServerCollection.Name)]
    public sealed class OnSqlite(InProcessServer server) : PsycopgSessionTests(server);

    [Collection(UpstreamServerCollection.Name)]
    public sealed class OnPostgres(UpstreamServer server) : PsycopgSessionTests(server);

    [Fact]
    public async Task Psycopg3_connects_and_round_trips_typed_values()
    {
        var t = $"py_{Guid.NewGuid():N}"[..20];
        var script = $$"""
            import sys, datetime, decimal, psycopg
            with psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="postgres", dbname="postgres") as conn:
                conn.execute("CREATE TABLE {{t}} (id int, name text, amount numeric(10,3), day date)")
                conn.execute("INSERT INTO {{t}} VALUES (%s, %s, %s, %s)", (7, "Zoë", decimal.Decimal("1.250"), datetime.date(2024, 2, 29)))
                row = conn.execute("SELECT id, name, amount, day FROM {{t}}").fetchone()
                print(repr(row))
                with conn.transaction():
                    conn.execute("INSERT INTO {{t}} VALUES (8, 'x', 0, '2000-01-01')")
                try:
                    with conn.transaction():
                        conn.execute("INSERT INTO {{t}} VALUES (9, 'y', 0, '2000-01-01')")
                        raise RuntimeError("undo")
                except RuntimeError:
                    pass
                print(conn.execute("SELECT count(*) FROM {{t}}").fetchone()[0])
            """;
        var result = await PythonClient.RunAsync(script, [server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("(7, 'Zoë', Decimal('1.250'), datetime.date(2024, 2, 29))", lines[0]);
        Assert.Equal("2", lines[1]);
    }
}

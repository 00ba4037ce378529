using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration;

/// <summary>psql, as a new user would drive it, against the server and against PostgreSQL 15 for the same script.</summary>
public abstract class PsqlSessionTests(ITestServer server, ReferencePostgres reference)
{
    [Collection(InProcessServerCollection.Name)]
    public sealed class OnSqlite(InProcessServer server, ReferencePostgres reference) : PsqlSessionTests(server, reference);

    /// <summary>On <c>--backend postgres</c>; the upstream cluster is the reference.</summary>
    [Collection(UpstreamServerCollection.Name)]
    public sealed class OnPostgres(UpstreamServer server) : PsqlSessionTests(server, server.Cluster);

    private static string Table(string stem) => $"{stem}_{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task Psql_creates_inserts_and_selects_with_the_same_output_as_PostgreSQL()
    {
        var t = Table("psql");
        var script = $"""
            CREATE TABLE {t} (id integer PRIMARY KEY, name varchar(20) NOT NULL, price numeric(8,2), active boolean, born date);
            INSERT INTO {t} VALUES (1, 'Ada', 10.5, true, '1815-12-10'), (2, 'O''Brien', NULL, false, '2000-02-29');
            SELECT id, name, price, active, born FROM {t} ORDER BY id;
            SELECT count(*) AS n, max(price) FROM {t};
            DROP TABLE {t};
            """;
        var ours = await Psql.RunAsync(server.Port, ["-v", "ON_ERROR_STOP=1"], script);
        var theirs = await Psql.RunAsync(reference.Port, ["-v", "ON_ERROR_STOP=1"], script);
        Assert.Equal(0, theirs.ExitCode);
        Assert.Equal(theirs.Stdout, ours.Stdout);
        Assert.Equal(0, ours.ExitCode);
    }

    [Fact]
    public async Task Psql_sees_nothing_of_a_rolled_back_transaction()
    {
        var t = Table("psqlrb");
        var script = $"""
            CREATE TABLE {t} (a int);
            BEGIN;
            INSERT INTO {t} VALUES (1);
            ROLLBACK;
            SELECT count(*) FROM {t};
            DROP TABLE {t};
            """;
        var ours = await Psql.RunAsync(server.Port, ["-v", "ON_ERROR_STOP=1", "-At"], script);
        Assert.Equal(0, ours.ExitCode);
        Assert.Contains("0", ours.Stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Psql_reports_an_error_as_PostgreSQL_does()
    {
        var script = "SELECT * FROM no_such_relation_for_psql;";
        var ours = await Psql.RunAsync(server.Port, ["-v", "ON_ERROR_STOP=1"], script);
        var theirs = await Psql.RunAsync(reference.Port, ["-v", "ON_ERROR_STOP=1"], script);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.Stderr, ours.Stderr);
    }
}

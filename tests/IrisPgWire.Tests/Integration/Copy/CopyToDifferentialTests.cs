using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// COPY TO STDOUT in TEXT and CSV compared with PostgreSQL 15 byte for byte: the same table, filled by
/// the same INSERT, exported by both through psql.
/// Each case runs on the embedded store and on the postgres backend.
/// </summary>
public abstract class CopyToDifferentialTests(ITestServer server, int referencePort)
{
    /// <summary>The cases on the embedded store.</summary>
    [Collection(InProcessServerCollection.Name)]
    public sealed class OnSqlite(InProcessServer server, ReferencePostgres reference) : CopyToDifferentialTests(server, reference.Port);

    /// <summary>The cases on <c>--backend postgres</c>, compared with the upstream cluster's own answers.</summary>
    [Collection(UpstreamServerCollection.Name)]
    public sealed class OnPostgres(UpstreamServer server) : CopyToDifferentialTests(server, server.Cluster.Port);

    private const string Columns =
        "id int, name text, price numeric(10,2), ratio double precision, ok boolean, born date, seen timestamp, doc jsonb, raw bytea, code uuid, " +
        "at timestamptz, span interval, tags text[], t time, r real";

    private const string Rows = """
        (1, 'plain', 10.5, 0.1, true, '2024-02-29', '2024-05-06 07:08:09.5', '{"b": 1, "a": [1, 2]}', '\x00ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-06-01 12:00:00.25+00', '1 day 02:00:00', '{a,"b c"}', '13:45:00.5', 0.1),
        (2, E'tab\there\nnewline\\back,comma"quote', -0.01, 1e20, false, '1999-12-31', '2000-01-01 00:00:00', '[]', '\x', null, '1999-12-31 23:59:59-08', '-1 mons +00:00:01', '{}', '00:00:00', 3.4e38),
        (3, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
        (4, '', 0, '-0', true, 'infinity', '-infinity', 'null', 'abc', '00000000-0000-0000-0000-000000000000', 'infinity', '0 seconds', '{NULL}', '23:59:59.999999', '-0'),
        (5, E'\\N', 123456.78, 3.14159, false, '0001-01-01', '2024-01-01 12:00:00.000001', '{"k": "ü"}', '\\x41', null, '2024-01-01 00:00:00+05:30', '3 years', '{"x,y"}', '12:00', 1.17549435e-38)
        """;

    public static TheoryData<string> Commands() =>
    [
        "COPY {t} TO STDOUT",
        "COPY {t} TO STDOUT WITH (FORMAT csv)",
        "COPY {t} TO STDOUT WITH (FORMAT csv, HEADER)",
        "COPY {t} TO STDOUT WITH (FORMAT text, HEADER true)",
        "COPY {t} TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)",
        "COPY {t} TO STDOUT WITH (FORMAT csv, FORCE_QUOTE (name, born))",
        "COPY {t} TO STDOUT WITH (FORMAT csv, DELIMITER ';', NULL 'NULL', QUOTE '''', ESCAPE '\\')",
        "COPY {t} TO STDOUT WITH (DELIMITER '|', NULL '')",
        "COPY {t} TO STDOUT WITH CSV HEADER FORCE QUOTE id",
        "COPY {t} (name, id) TO STDOUT",
        "COPY (SELECT id, name FROM {t} WHERE id > 2 ORDER BY id DESC) TO STDOUT WITH (FORMAT csv)",
        "COPY {t} TO STDOUT WITH (FORMAT csv, FORCE_QUOTE (nope))",
        "COPY {t} TO STDOUT WITH (HEADER match)",
        "COPY {t} TO STDOUT WITH (FORMAT csv, FORCE_NOT_NULL (name))",
        "COPY {t} (nope) TO STDOUT",
        "SET TIME ZONE 'Asia/Kolkata'; COPY {t} TO STDOUT",
        "SET TIME ZONE 'America/New_York'; COPY {t} (id, at) TO STDOUT WITH (FORMAT csv)",
        "SET bytea_output = 'escape'; COPY {t} (id, raw) TO STDOUT",
        "SET extra_float_digits = 0; COPY {t} (id, ratio, r) TO STDOUT",
        "SET extra_float_digits = -3; COPY {t} (id, ratio, r) TO STDOUT",
        "SET extra_float_digits = 3; COPY {t} (id, ratio, r) TO STDOUT",
        "SET DateStyle = 'SQL, DMY'; COPY {t} (id, born, seen, at) TO STDOUT",
        "SET DateStyle = 'German'; COPY {t} (id, born, seen) TO STDOUT",
        "SET DateStyle = 'Postgres, MDY'; COPY {t} (id, born, seen, at) TO STDOUT",
        "SET IntervalStyle = 'iso_8601'; COPY {t} (id, span) TO STDOUT",
        "SET DateStyle = 'SQL, MDY'; SET TIME ZONE 'America/New_York'; COPY {t} (id, at) TO STDOUT",
        "SET DateStyle = 'Postgres, DMY'; SET TIME ZONE 'Asia/Kolkata'; COPY {t} (id, at) TO STDOUT",
        "SET DateStyle = 'German'; SET TIME ZONE 'Europe/Paris'; COPY {t} (id, at) TO STDOUT",
    ];

    [Theory]
    [MemberData(nameof(Commands), MemberType = typeof(CopyToDifferentialTests))]
    public async Task Copy_to_writes_the_same_bytes_as_PostgreSQL(string command)
    {
        var table = "out_" + Guid.NewGuid().ToString("N")[..12];
        var script = $"""
            SET extra_float_digits = 1;
            CREATE TABLE {table} ({Columns});
            INSERT INTO {table} VALUES {Rows};
            {command.Replace("{t}", table, StringComparison.Ordinal)};
            DROP TABLE {table};

            """;
        var ours = await Psql.RunAsync(server.Port, ["-q"], script);
        var theirs = await Psql.RunAsync(referencePort, ["-q"], script);
        Assert.Equal(theirs.Stderr.Replace(table, "t", StringComparison.Ordinal), ours.Stderr.Replace(table, "t", StringComparison.Ordinal));
        Assert.Equal(theirs.Stdout, ours.Stdout);
    }
}

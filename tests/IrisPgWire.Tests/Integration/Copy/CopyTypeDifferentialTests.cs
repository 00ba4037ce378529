using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// One value per case, loaded by COPY FROM into a column of each core type and selected back, on the
/// server and on PostgreSQL 15: accepted values must be stored and printed alike, refused ones refused
/// with the same error and CONTEXT.
/// Each case runs on the embedded store and on the postgres backend.
/// </summary>
public abstract class CopyTypeDifferentialTests(ITestServer server, int referencePort)
{
    /// <summary>The cases on the embedded store.</summary>
    [Collection(InProcessServerCollection.Name)]
    public sealed class OnSqlite(InProcessServer server, ReferencePostgres reference) : CopyTypeDifferentialTests(server, reference.Port);

    /// <summary>The cases on <c>--backend postgres</c>, compared with the upstream cluster's own answers.</summary>
    [Collection(UpstreamServerCollection.Name)]
    public sealed class OnPostgres(UpstreamServer server) : CopyTypeDifferentialTests(server, server.Cluster.Port);

    private static readonly (string Type, string[] Values)[] Inputs =
    [
        ("smallint", ["0", "-32768", "32767", "32768", " 12 ", "1.5", "+7"]),
        ("integer", ["2147483647", "-2147483648", "2147483648", "007", "1e3", ""]),
        ("bigint", ["9223372036854775807", "-9223372036854775808", "9223372036854775808", "12abc"]),
        ("numeric", ["0", "-0.000", "123.4500", "1e-3", "1.5E+3", "NaN", "Infinity", "-Infinity", ".5", "5.", "1,5", "  3.0  "]),
        ("numeric(5,2)", ["999.994", "999.995", "-0.005", "0.004", "12"]),
        ("real", ["3.14159265", "1e38", "1e39", "-0", "1.17549435e-38"]),
        ("double precision", ["0.1", "1e308", "1e309", "2.2250738585072014e-308", "123456789012345678", "inf", "-INF", "nan"]),
        ("boolean", ["TRUE", "f", "y", "no", "on", "of", "2", "t "]),
        ("text", ["plain", "tab\\there", "newline\\nhere", "back\\\\slash", "\\x41\\102C"]),
        ("varchar(5)", ["abcde", "abcdef", "abc  ", "éèêëē", "éèêëēx"]),
        ("char(3)", ["a", "abc", "abcd", "ab  "]),
        ("date", ["2000-01-01", "1999-12-31", "2024-02-29", "2023-02-29", "01/02/2024", "2024-13-01", "Jan 8 1999", "20240101", "infinity", "-infinity", "epoch"]),
        ("timestamp", ["2024-01-02 03:04:05", "2024-01-02 03:04:05.1234567", "2024-01-02T03:04:05", "2024-01-02", "2024-01-02 24:00:00", "2024-01-02 25:00:00", "infinity"]),
        ("timestamptz", ["2024-01-02 03:04:05+00", "2024-01-02 03:04:05+02", "2024-01-02 03:04:05-05:30", "2024-06-01 12:00:00 Europe/Paris", "2024-01-02T03:04:05Z"]),
        ("time", ["00:00:00", "23:59:59.999999", "24:00:00", "12:30", "1:02:03 PM", "25:00:00"]),
        ("uuid", ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC999C0B4EF8BB6D6BB9BD380A11", "a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11", "a0ee-bc99"]),
        ("json", ["{\"a\": 1}", "[1, 2,3]", "\"str\"", "{bad json}", "null"]),
        ("jsonb", ["{\"b\": 1, \"a\": 2, \"a\": 3}", "[1.50, 2e2, {\"k\": true}]", "{\"long key\": 1, \"k\": 2}", "{bad"]),
        ("interval", ["1 year 2 months 3 days 04:05:06.789", "-1 day 2 hours", "P1Y2M3DT4H5M6S", "1.5 years", "10", "@ 3 days ago",
            "1-2", "3 04:05:06", "00:00:00", "25:00:00", "1 week", "-00:00:01", "2 mons -3 days", "1.5 days", "bogus", "1 fortnight"]),
        ("integer[]", ["{1,2,3}", "{}", "{{1,2},{3,4}}", "{1,NULL,3}", "{ 1 , 2 }", "{1,2", "{{1},{2,3}}", "1,2", "{1,x}"]),
        ("text[]", ["{a,\"b c\",\"\",NULL,\"NULL\",plain}", "{\"a,b\",\"{}\"}", "{ spaced , x }"]),
        ("numeric(5,2)[]", ["{1.5,2,-0.001}", "{{1},{2}}"]),
        ("date[]", ["{2024-01-01,NULL}", "{20240101}"]),
        ("boolean[]", ["{t,f,yes}"]),
        ("bytea", ["\\\\x00ff10", "\\\\xzz", "abc\\\\\\\\def", "\\\\x"]),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, values) in Inputs)
            foreach (var value in values)
                data.Add(type, value);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(CopyTypeDifferentialTests))]
    public async Task A_value_loads_and_prints_as_in_PostgreSQL(string type, string value)
    {
        var c = new CopyCase($"{type}:{value}", $"id int, v {type}", "COPY {t} FROM STDIN;", "1\t" + value);
        var (ours, theirs) = await DifferentialCopyRunner.RunAsync(c, server.Port, referencePort);
        Assert.Equal(theirs.Stderr, ours.Stderr);
        Assert.Equal(theirs.Stdout, ours.Stdout);
    }
}

using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>COPY through psycopg 3 (text and binary, write_row and rows()) and pgjdbc's CopyManager.</summary>
[Collection(InProcessServerCollection.Name)]
public class DriverCopyTests(InProcessServer server, ReferencePostgres reference)
{
    private const string PsycopgScript = """
        import sys, datetime, decimal, uuid, psycopg
        table = sys.argv[2]
        rows = [
            (1, "Zoë", decimal.Decimal("12.50"), datetime.date(2024, 2, 29), datetime.datetime(2024, 5, 6, 7, 8, 9, 123456), True, uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), b"\x00\xff"),
            (2, "tab\there, \"q\"\nline", None, None, None, False, None, b""),
            (3, None, decimal.Decimal("-0.001"), datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1), None, None, None),
        ]
        with psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="postgres", dbname="postgres", autocommit=True) as conn:
            conn.execute(f"CREATE TABLE {table} (id int, name text, price numeric(10,3), born date, seen timestamp, ok boolean, code uuid, raw bytea)")
            for fmt in ("", " (FORMAT binary)"):
                conn.execute(f"TRUNCATE {table}")
                with conn.cursor() as cur:
                    with cur.copy(f"COPY {table} FROM STDIN{fmt}") as copy:
                        if fmt:
                            copy.set_types(["int4", "text", "numeric", "date", "timestamp", "bool", "uuid", "bytea"])
                        for row in rows:
                            copy.write_row(row)
                    with cur.copy(f"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT{fmt}") as copy:
                        if fmt:
                            copy.set_types(["int4", "text", "numeric", "date", "timestamp", "bool", "uuid", "bytea"])
                        for row in copy.rows():
                            print(fmt.strip() or "text", repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)))
            conn.execute(f"DROP TABLE {table}")
        """;

    [Fact]
    public async Task Psycopg3_copy_in_text_and_binary_gives_what_PostgreSQL_gives()
    {
        var table = "py_" + Guid.NewGuid().ToString("N")[..10];
        var ours = await PythonClient.RunAsync(PsycopgScript, [server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), table]);
        var theirs = await PythonClient.RunAsync(PsycopgScript, [reference.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), table]);
        Assert.True(theirs.ExitCode == 0, theirs.Stderr);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(theirs.Stdout, ours.Stdout);
        Assert.Equal(6, ours.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}

using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// Runs the same psql script against the server and the reference PostgreSQL 15 and returns both
/// outputs, so tests compare what a user would see: COPY tags, rows, errors with DETAIL, HINT and
/// CONTEXT, and the SQLSTATE (echoed from psql's LAST_ERROR_SQLSTATE).
/// </summary>
internal static class DifferentialCopyRunner
{
    public static string Script(CopyCase c, string table)
    {
        var copy = c.Copy.Replace("{t}", table, StringComparison.Ordinal);
        var data = c.Data.EndsWith('\n') || c.Data.Length == 0 ? c.Data : c.Data + "\n";
        return $"""
            \set SHOW_CONTEXT always
            CREATE TABLE {table} ({c.Columns});
            {copy}
            {data}\.
            \echo SQLSTATE :LAST_ERROR_SQLSTATE
            SELECT * FROM {table} ORDER BY 1;
            DROP TABLE {table};

            """;
    }

    public static async Task<(ClientResult Ours, ClientResult Theirs)> RunAsync(CopyCase c, int ourPort, int theirPort)
    {
        var table = "copy_" + Guid.NewGuid().ToString("N")[..12];
        var script = Script(c, table);
        var ours = await Psql.RunAsync(ourPort, ["-q"], script);
        var theirs = await Psql.RunAsync(theirPort, ["-q"], script);
        return (Normalize(ours, table), Normalize(theirs, table));
    }

    private static ClientResult Normalize(ClientResult result, string table) =>
        result with
        {
            Stdout = result.Stdout.Replace(table, "t", StringComparison.Ordinal),
            Stderr = result.Stderr.Replace(table, "t", StringComparison.Ordinal),
        };
}

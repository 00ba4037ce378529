using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>pgjdbc's CopyManager (Debian's libpostgresql-jdbc-java) against the server and PostgreSQL 15.</summary>
[Collection(InProcessServerCollection.Name)]
public class JdbcCopyTests(InProcessServer server, ReferencePostgres reference)
{
    private const string Jar = "/usr/share/java/postgresql.jar";

    private static Task<ClientResult> RunAsync(int port, string table)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Integration", "Copy", "Java", "CopyManagerCheck.java");
        return ClientProcess.RunAsync("java", ["-cp", Jar, source, port.ToString(System.Globalization.CultureInfo.InvariantCulture), table], null);
    }

    [Fact]
    public async Task Pgjdbc_copy_manager_in_and_out_match_PostgreSQL()
    {
        Assert.True(File.Exists(Jar), $"{Jar} is missing: scripts/test.sh installs libpostgresql-jdbc-java");
        var table = "jdbc_" + Guid.NewGuid().ToString("N")[..10];
        var theirs = await RunAsync(reference.Port, table);
        var ours = await RunAsync(server.Port, table);
        Assert.True(theirs.ExitCode == 0, theirs.Stderr);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(theirs.Stdout, ours.Stdout);
        Assert.Contains("in 3", ours.Stdout, StringComparison.Ordinal);
    }
}

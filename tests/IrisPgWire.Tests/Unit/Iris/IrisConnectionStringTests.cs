using IrisPgWire.Backends.Iris;

namespace IrisPgWire.Tests.Unit.Iris;

public class IrisConnectionStringTests
{
    // Keys from "Connection Parameter Options" (docs.intersystems.com ... KEY=BNET_connect): Server, Port,
    // Namespace, User ID, Password; PWD is the ODBC spelling some users carry over.
    [Theory]
    [InlineData("Server=h;Port=1972;Namespace=USER;User ID=_SYSTEM;Password=Zq9x", "Zq9x")]
    [InlineData("server=h; password = 'a;b=c' ; namespace=USER", "a;b=c")]
    [InlineData("Server=h;PWD=topsecret", "topsecret")]
    public void The_password_never_survives_redaction(string connectionString, string password)
    {
        var redacted = IrisConnectionString.Redact(connectionString);
        Assert.DoesNotContain(password, redacted, StringComparison.Ordinal);
        Assert.Contains("***", redacted, StringComparison.Ordinal);
        Assert.Contains("h", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_connection_string_is_not_echoed()
    {
        Assert.Equal("(unreadable connection string)", IrisConnectionString.Redact("Server=h;Password='unterminated"));
        var e = Assert.Throws<ArgumentException>(() => IrisConnectionString.Validate("Server=h;Password='unterminated"));
        Assert.DoesNotContain("unterminated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_print_without_the_password()
    {
        var settings = new IrisSettings("Server=h;Password=SYS", null, IrisInsertStrategy.UnionAll, IrisInsertHints.NoLock);
        Assert.DoesNotContain("SYS", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("union-all", settings.ToString(), StringComparison.Ordinal);
    }
}

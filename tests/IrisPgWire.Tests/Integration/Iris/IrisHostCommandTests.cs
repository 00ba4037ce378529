using IrisPgWire.Backends.Iris;
using IrisPgWire.Tests.Infrastructure;
using IrisPgWire.Tests.Unit.Iris;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Tests.Integration.Iris;

/// <summary>
/// The executable's IRIS commands without an IRIS provider on the machine (there is none here): the clear message
/// and exit code, and the search order end to end. The Host runs as its own process with HOME, NUGET_PACKAGES and
/// ISC_PACKAGE_INSTALLDIR pointing into an empty temp folder, so nothing of this machine is found by accident.
/// </summary>
public sealed class IrisHostCommandTests : IDisposable
{
    private const string Connection = "Server=127.0.0.1;Port=1;Namespace=USER;User ID=_SYSTEM;Password=hunter2secret";
    private readonly FakeFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<ClientResult> RunHostAsync(params string[] arguments)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "IrisPgWire.Host.dll");
        Directory.CreateDirectory(_dir.At("home"));
        return ClientProcess.RunAsync("dotnet", [host, .. arguments], stdin: null, new Dictionary<string, string>
        {
            ["HOME"] = _dir.At("home"),
            ["NUGET_PACKAGES"] = _dir.At("nuget"),
            ["ISC_PACKAGE_INSTALLDIR"] = _dir.At("iris"),
            ["IRISHOME"] = _dir.At("iris"),
        });
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Iris_probe_without_a_provider_says_in_one_line_what_to_install_and_exits_2()
    {
        var result = await RunHostAsync("iris-probe", "--iris-connection", Connection);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith("irispgwire: the InterSystems ADO.NET provider (InterSystems.Data.IRISClient.dll) was not found", line, StringComparison.Ordinal);
        Assert.Contains(_dir.At("nuget"), line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir.At("iris"), "dev", "dotnet", "bin"), line, StringComparison.Ordinal);
        Assert.Contains("--iris-client-assembly", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Iris_probe_with_a_client_assembly_that_is_not_an_assembly_says_so_and_exits_2()
    {
        var fake = _dir.File("bad/" + IrisProviderSearch.AssemblyFileName);
        var result = await RunHostAsync("iris-probe", "--iris-connection", Connection, "--iris-client-assembly", fake);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.Contains("is not a .NET assembly", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Iris_probe_finds_a_provider_in_the_nuget_folder_and_reports_it_before_trying_to_connect()
    {
        // A stand-in provider (Microsoft.Data.Sqlite under the IRIS file name) in the NuGet layout: it loads, and
        // refuses the IRIS connection string's keys, so the probe stops at the connection and exits 1.
        _dir.Copy(typeof(SqliteFactory).Assembly.Location, $"nuget/intersystems.data.irisclient/2.6.1/lib/net8.0/{IrisProviderSearch.AssemblyFileName}");
        var result = await RunHostAsync("iris-probe", "--iris-connection", Connection);
        Assert.Equal(1, result.ExitCode);
        var lines = Lines(result.Stdout);
        Assert.Contains(lines, l => l.StartsWith("provider:  InterSystems.Data.IRISClient ", StringComparison.Ordinal) &&
                                    l.Contains("from NuGet package 2.6.1", StringComparison.Ordinal) &&
                                    l.Contains(typeof(SqliteFactory).FullName!, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("stopped:   could not connect:", StringComparison.Ordinal));
        Assert.Contains("password=***", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2secret", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_insert_hint_is_refused_by_the_command_line()
    {
        var result = await RunHostAsync("--backend", "iris", "--iris-connection", Connection, "--iris-insert-hints", "nolock,fast");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown IRIS insert hint \"fast\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_with_backend_iris_and_no_provider_refuses_to_start_with_one_line_and_exit_2()
    {
        var result = await RunHostAsync("--backend", "iris", "--iris-connection", Connection, "--port", "0");
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith("irispgwire: the InterSystems ADO.NET provider (InterSystems.Data.IRISClient.dll) was not found", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_with_a_provider_that_cannot_reach_iris_refuses_to_start_without_leaking_the_password()
    {
        _dir.Copy(typeof(SqliteFactory).Assembly.Location, $"nuget/intersystems.data.irisclient/2.6.1/lib/net8.0/{IrisProviderSearch.AssemblyFileName}");
        var result = await RunHostAsync("--backend", "iris", "--iris-connection", Connection, "--port", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("irispgwire: could not connect to IRIS", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }
}

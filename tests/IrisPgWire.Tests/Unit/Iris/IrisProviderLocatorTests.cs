using IrisPgWire.Backends.Iris;

namespace IrisPgWire.Tests.Unit.Iris;

/// <summary>
/// The provider search order (explicit path, NuGet global packages folder, IRIS install) over fake folder layouts.
/// Layouts as documented: NuGet's <c>&lt;root&gt;/&lt;id lower-cased&gt;/&lt;version&gt;/lib/&lt;tfm&gt;/</c> ("global packages folder",
/// learn.microsoft.com/nuget/consume-packages/managing-the-global-packages-and-cache-folders) and an install's
/// <c>install-dir/dev/dotnet/bin/net6.0</c> ("XEP Client Assemblies", docs.intersystems.com ... KEY=BNETXEP).
/// </summary>
public sealed class IrisProviderLocatorTests : IDisposable
{
    private const string Dll = IrisProviderSearch.AssemblyFileName;
    private static readonly Version Net10 = new(10, 0);
    private readonly FakeFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private IrisProviderSearch Search(string? explicitPath = null, Version? runtime = null) =>
        new(explicitPath, [_dir.At("nuget")], [_dir.At("iris")], runtime ?? Net10, IsWindows: false);

    private static string Norm(string path) => Path.GetFullPath(path);

    [Fact]
    public void An_explicit_file_wins_over_nuget_and_the_install()
    {
        var given = _dir.File("mine/" + Dll);
        _dir.File($"nuget/intersystems.data.irisclient/2.6.1/lib/net8.0/{Dll}");
        _dir.File($"iris/dev/dotnet/bin/net8.0/{Dll}");
        var found = IrisProviderLocator.Locate(Search(given));
        Assert.Equal(Norm(given), found.AssemblyPath);
        Assert.Equal("--iris-client-assembly", found.Source);
    }

    [Fact]
    public void An_explicit_folder_of_framework_folders_gives_the_best_build()
    {
        _dir.File($"bin/net472/{Dll}");
        _dir.File($"bin/net6.0/{Dll}");
        var best = _dir.File($"bin/net8.0/{Dll}");
        _dir.File($"bin/netstandard2.0/{Dll}");
        Assert.Equal(Norm(best), IrisProviderLocator.Locate(Search(_dir.At("bin"))).AssemblyPath);
    }

    [Fact]
    public void A_missing_explicit_path_is_an_error_and_nothing_else_is_searched()
    {
        _dir.File($"nuget/intersystems.data.irisclient/2.6.1/lib/net8.0/{Dll}");
        var e = Assert.Throws<IrisProviderException>(() => IrisProviderLocator.Locate(Search(_dir.At("nope/" + Dll))));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NuGet_takes_the_newest_version_by_number_and_the_newest_framework_not_newer_than_the_runtime()
    {
        _dir.File($"nuget/intersystems.data.irisclient/2.9.1/lib/net8.0/{Dll}");
        _dir.File($"nuget/intersystems.data.irisclient/2.10.0-beta1/lib/net8.0/{Dll}");
        _dir.File($"nuget/intersystems.data.irisclient/2.10.0/lib/net9.0/{Dll}");
        var best = _dir.File($"nuget/intersystems.data.irisclient/2.10.0/lib/net8.0/{Dll}");
        _dir.File($"nuget/intersystems.data.irisclient/2.10.0/lib/netstandard2.1/{Dll}");
        var found = IrisProviderLocator.Locate(Search(runtime: new Version(8, 0)));
        Assert.Equal(Norm(best), found.AssemblyPath);
        Assert.Equal("NuGet package 2.10.0", found.Source);
    }

    [Fact]
    public void A_newest_version_without_a_build_for_this_runtime_gives_way_to_an_older_one()
    {
        _dir.File($"nuget/intersystems.data.irisclient/3.0.0/lib/net472/{Dll}");
        var older = _dir.File($"nuget/intersystems.data.irisclient/2.6.1/lib/net6.0/{Dll}");
        Assert.Equal(Norm(older), IrisProviderLocator.Locate(Search()).AssemblyPath);
    }

    [Fact]
    public void NuGet_comes_before_the_iris_install()
    {
        var package = _dir.File($"nuget/intersystems.data.irisclient/2.6.1/lib/netstandard2.0/{Dll}");
        _dir.File($"iris/dev/dotnet/bin/net8.0/{Dll}");
        Assert.Equal(Norm(package), IrisProviderLocator.Locate(Search()).AssemblyPath);
    }

    [Fact]
    public void The_iris_install_is_used_when_nuget_has_nothing_including_its_old_core_folder_names()
    {
        _dir.File($"iris/dev/dotnet/bin/Core21/{Dll}");
        var found = IrisProviderLocator.Locate(Search());
        Assert.Equal(Norm(_dir.At($"iris/dev/dotnet/bin/Core21/{Dll}")), found.AssemblyPath);
        Assert.Equal("IRIS install " + _dir.At("iris"), found.Source);
        var newer = _dir.File($"iris/dev/dotnet/bin/net8.0/{Dll}");
        Assert.Equal(Norm(newer), IrisProviderLocator.Locate(Search()).AssemblyPath);
    }

    [Fact]
    public void Only_dotnet_framework_builds_are_not_found_and_the_message_says_what_to_install_and_where_it_looked()
    {
        _dir.File($"iris/dev/dotnet/bin/net472/{Dll}");
        _dir.File($"nuget/intersystems.data.irisclient/2.6.1/lib/net48/{Dll}");
        var e = Assert.Throws<IrisProviderException>(() => IrisProviderLocator.Locate(Search()));
        Assert.Contains("InterSystems.Data.IRISClient", e.Message, StringComparison.Ordinal);
        Assert.Contains("--iris-client-assembly", e.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.At("nuget"), e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir.At("iris"), "dev", "dotnet", "bin"), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("net8.0", true)]
    [InlineData("net10.0", true)]
    [InlineData("net11.0", false)]
    [InlineData("netcoreapp3.1", true)]
    [InlineData("Core21", true)]
    [InlineData("netstandard2.0", true)]
    [InlineData("net472", false)]
    [InlineData("net48", false)]
    [InlineData("net8.0-windows", false)]
    [InlineData("lib", false)]
    public void Framework_folders_that_can_run_on_dotnet_10_on_linux(string folder, bool runs) =>
        Assert.Equal(runs, IrisTargetFramework.Rank(folder, Net10, isWindows: false) is not null);
}

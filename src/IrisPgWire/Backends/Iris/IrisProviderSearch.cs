using System.Runtime.InteropServices;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Where <see cref="IrisProviderLocator"/> looks for the InterSystems ADO.NET provider, in this order: the path
/// the user gave (<c>--iris-client-assembly</c>), the NuGet global packages folders, then IRIS installs.
/// </summary>
/// <param name="ExplicitPath">A file, or a folder holding the file or its target-framework subfolders; when set, nothing else is searched.</param>
/// <param name="NuGetPackageRoots">NuGet global packages folders (holding <c>intersystems.data.irisclient/&lt;version&gt;/lib/&lt;tfm&gt;</c>).</param>
/// <param name="IrisInstallDirs">IRIS installation directories (holding <c>dev/dotnet/bin/&lt;tfm&gt;</c>).</param>
/// <param name="Runtime">The .NET version the assembly must run on.</param>
/// <param name="IsWindows">Whether Windows-only builds may be chosen.</param>
public sealed record IrisProviderSearch(
    string? ExplicitPath,
    IReadOnlyList<string> NuGetPackageRoots,
    IReadOnlyList<string> IrisInstallDirs,
    Version Runtime,
    bool IsWindows)
{
    /// <summary>The provider's file name, the same in every distribution (BNET_config, "IRISClient Installation").</summary>
    public const string AssemblyFileName = "InterSystems.Data.IRISClient.dll";

    /// <summary>The NuGet package id, lower-cased as the global packages folder names it.</summary>
    public const string PackageFolder = "intersystems.data.irisclient";

    /// <summary>
    /// The places of this machine: <c>$NUGET_PACKAGES</c> or <c>~/.nuget/packages</c> (NuGet's documented default
    /// for the global packages folder); <c>$ISC_PACKAGE_INSTALLDIR</c> (the install directory of an unattended
    /// install, "Installation Directory", GIEMISC_defaultdir), <c>$IRISHOME</c>, <c>/usr/irissys</c> (where
    /// InterSystems' container images install IRIS) and, on Windows, <c>C:\InterSystems\IRIS</c> (the attended
    /// install's default, GIEMISC_defaultdir).
    /// </summary>
    public static IrisProviderSearch FromEnvironment(string? explicitPath)
    {
        var nuget = new List<string>();
        var fromEnv = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(fromEnv))
            nuget.Add(fromEnv);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
            nuget.Add(Path.Combine(home, ".nuget", "packages"));
        var installs = new List<string>();
        foreach (var variable in (string[])["ISC_PACKAGE_INSTALLDIR", "IRISHOME"])
        {
            var dir = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(dir))
                installs.Add(dir);
        }
        var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        installs.Add(windows ? @"C:\InterSystems\IRIS" : "/usr/irissys");
        return new IrisProviderSearch(string.IsNullOrWhiteSpace(explicitPath) ? null : explicitPath,
            nuget.Distinct(StringComparer.Ordinal).ToArray(), installs.Distinct(StringComparer.Ordinal).ToArray(),
            Environment.Version, windows);
    }
}

using System.Globalization;
using System.Text;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Finds InterSystems.Data.IRISClient.dll in the places an <see cref="IrisProviderSearch"/> names, in its order.
/// Only the file system is looked at; <see cref="IrisProvider"/> loads what is found.
/// </summary>
public static class IrisProviderLocator
{
    /// <summary>The assembly to load; throws <see cref="IrisProviderException"/> saying where it looked and what to install.</summary>
    public static IrisProviderLocation Locate(IrisProviderSearch search)
    {
        if (search.ExplicitPath is { } given)
            return FromExplicit(search, given);
        var looked = new List<string>();
        foreach (var root in search.NuGetPackageRoots)
        {
            var packageDir = Path.Combine(root, IrisProviderSearch.PackageFolder);
            looked.Add(Path.Combine(packageDir, "<version>", "lib", "<tfm>"));
            if (FromNuGet(search, packageDir) is { } found)
                return found;
        }
        foreach (var install in search.IrisInstallDirs)
        {
            var bin = Path.Combine(install, "dev", "dotnet", "bin");
            looked.Add(Path.Combine(bin, "<tfm>"));
            if (FromFrameworkFolders(search, bin) is { } path)
                return new IrisProviderLocation(path, "IRIS install " + install);
        }
        throw NotFound(looked);
    }

    /// <summary>The one message shown when the provider is nowhere: what to install and where to point the server.</summary>
    internal static IrisProviderException NotFound(IReadOnlyList<string> looked)
    {
        var sb = new StringBuilder();
        sb.Append("the InterSystems ADO.NET provider (").Append(IrisProviderSearch.AssemblyFileName).Append(") was not found; looked in ");
        sb.AppendJoin(", ", looked);
        sb.Append(". Install the NuGet package InterSystems.Data.IRISClient (for example `dotnet add package InterSystems.Data.IRISClient` in any project, ")
          .Append("which puts it under ~/.nuget/packages), or point --iris-client-assembly at the copy in an IRIS install's ")
          .Append("dev/dotnet/bin/<tfm>/ folder (a .NET build such as net8.0, not a .NET Framework one).");
        return new IrisProviderException(sb.ToString());
    }

    private static IrisProviderLocation FromExplicit(IrisProviderSearch search, string given)
    {
        var full = Path.GetFullPath(given);
        if (File.Exists(full))
            return new IrisProviderLocation(full, "--iris-client-assembly");
        if (Directory.Exists(full))
        {
            var direct = Path.Combine(full, IrisProviderSearch.AssemblyFileName);
            if (File.Exists(direct))
                return new IrisProviderLocation(direct, "--iris-client-assembly");
            // A folder of target-framework subfolders: an install's dev/dotnet/bin, a package's lib.
            if (FromFrameworkFolders(search, full) is { } path)
                return new IrisProviderLocation(path, "--iris-client-assembly");
            throw new IrisProviderException(string.Create(CultureInfo.InvariantCulture,
                $"--iris-client-assembly \"{given}\" is a folder without {IrisProviderSearch.AssemblyFileName} in it or in a subfolder for .NET {search.Runtime.Major} or earlier"));
        }
        throw new IrisProviderException($"--iris-client-assembly \"{given}\" does not exist; point it at {IrisProviderSearch.AssemblyFileName} or the folder holding it");
    }

    private static IrisProviderLocation? FromNuGet(IrisProviderSearch search, string packageDir)
    {
        if (!Directory.Exists(packageDir))
            return null;
        // Newest version first; a version whose lib has no build for this runtime gives way to an older one that has.
        var versions = Directory.EnumerateDirectories(packageDir)
            .Select(d => (Dir: d, Version: PackageVersion.TryParse(Path.GetFileName(d))))
            .Where(x => x.Version is not null)
            .OrderByDescending(x => x.Version);
        foreach (var (dir, version) in versions)
        {
            if (FromFrameworkFolders(search, Path.Combine(dir, "lib")) is { } path)
                return new IrisProviderLocation(path, "NuGet package " + version);
        }
        return null;
    }

    private static string? FromFrameworkFolders(IrisProviderSearch search, string parent)
    {
        if (!Directory.Exists(parent))
            return null;
        var withAssembly = Directory.EnumerateDirectories(parent)
            .Where(d => File.Exists(Path.Combine(d, IrisProviderSearch.AssemblyFileName)));
        var best = IrisTargetFramework.Best(withAssembly, search.Runtime, search.IsWindows);
        return best is null ? null : Path.Combine(best, IrisProviderSearch.AssemblyFileName);
    }
}

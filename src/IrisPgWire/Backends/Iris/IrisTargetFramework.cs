using System.Globalization;
using System.Text.RegularExpressions;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Reads the target-framework folder names the InterSystems provider ships under (NuGet's <c>lib/&lt;tfm&gt;</c>,
/// an IRIS install's <c>dev/dotnet/bin/&lt;tfm&gt;</c>) and ranks them for the running .NET.
/// </summary>
/// <remarks>
/// An IRIS install keeps one copy per .NET version in subfolders of <c>install-dir/dev/dotnet/bin</c>, such as
/// <c>net6.0</c> ("Persisting .NET Objects with InterSystems XEP", BNETXEP, "XEP Client Assemblies"; "Using .NET
/// with InterSystems Software", BNET_config); older kits name them <c>Core21</c>, <c>Core31</c>. The rule follows
/// NuGet's: the newest .NET (5+) not newer than the runtime, then .NET Core, then .NET Standard. .NET Framework
/// builds (<c>net472</c> ...) cannot load into .NET and are never chosen.
/// </remarks>
internal static partial class IrisTargetFramework
{
    /// <summary>
    /// A rank for <paramref name="folder"/> (higher is better), or null when an assembly built for it cannot run
    /// on a .NET whose version is <paramref name="runtime"/>.
    /// </summary>
    public static int? Rank(string folder, Version runtime, bool isWindows)
    {
        var name = folder.ToLowerInvariant();
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            // Platform-specific builds (net8.0-windows) only where that platform is.
            if (!(isWindows && name[(dash + 1)..].StartsWith("windows", StringComparison.Ordinal)))
                return null;
            name = name[..dash];
        }
        var m = Modern().Match(name);
        if (m.Success)
        {
            var v = Parse(m);
            return v.Major >= 5 && v <= runtime ? 3_000 + Score(v) - (dash >= 0 ? 1 : 0) : null;
        }
        m = Core().Match(name);
        if (!m.Success)
            m = IrisCore().Match(name);
        if (m.Success)
            return 2_000 + Score(Parse(m));
        m = Standard().Match(name);
        return m.Success ? 1_000 + Score(Parse(m)) : null;
    }

    /// <summary>The best of <paramref name="folders"/> for this runtime, or null when none fits.</summary>
    public static string? Best(IEnumerable<string> folders, Version runtime, bool isWindows) =>
        folders.Select(f => (Folder: f, Rank: Rank(Path.GetFileName(f), runtime, isWindows)))
            .Where(x => x.Rank is not null)
            .OrderByDescending(x => x.Rank)
            .ThenBy(x => x.Folder, StringComparer.Ordinal)
            .Select(x => x.Folder)
            .FirstOrDefault();

    private static Version Parse(Match m) =>
        new(int.Parse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture));

    private static int Score(Version v) => (v.Major * 10) + v.Minor;

    [GeneratedRegex(@"^net(\d{1,2})\.(\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Modern();

    [GeneratedRegex(@"^netcoreapp(\d)\.(\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Core();

    [GeneratedRegex(@"^core(\d)(\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex IrisCore();

    [GeneratedRegex(@"^netstandard(\d)\.(\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Standard();
}

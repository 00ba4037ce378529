using System.Reflection;
using System.Runtime.Loader;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// The load context the provider lives in: its own dependencies come from its folder, everything the server
/// already has (System.Data.Common above all, so its DbConnection is ours) from the default context.
/// </summary>
internal sealed class IrisProviderLoadContext : AssemblyLoadContext
{
    private readonly string _folder;
    private readonly AssemblyDependencyResolver? _resolver;

    public IrisProviderLoadContext(string assemblyPath) : base("InterSystems.Data.IRISClient", isCollectible: false)
    {
        _folder = Path.GetDirectoryName(assemblyPath)!;
        // A .deps.json beside the DLL (a published app's copy) names where each dependency is; a NuGet or install
        // folder has none, and the folder itself is searched.
        _resolver = File.Exists(Path.ChangeExtension(assemblyPath, ".deps.json")) ? new AssemblyDependencyResolver(assemblyPath) : null;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Shared framework assemblies (System.*, the runtime) must be the server's own, or the provider's types would
        // not be the DbConnection the server knows; null defers to the default context.
        if (IsFramework(assemblyName))
            return null;
        if (_resolver?.ResolveAssemblyToPath(assemblyName) is { } resolved)
            return LoadFromAssemblyPath(resolved);
        var local = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(local) ? LoadFromAssemblyPath(local) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        if (_resolver?.ResolveUnmanagedDllToPath(unmanagedDllName) is { } resolved)
            return LoadUnmanagedDllFromPath(resolved);
        return IntPtr.Zero;
    }

    private static bool IsFramework(AssemblyName name)
    {
        foreach (var loaded in Default.Assemblies)
        {
            if (string.Equals(loaded.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        var simple = name.Name ?? "";
        return simple is "mscorlib" or "netstandard" || simple.StartsWith("System.", StringComparison.Ordinal) ||
               simple.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
    }
}

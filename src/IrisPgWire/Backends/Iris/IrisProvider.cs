using System.Data.Common;
using System.Reflection;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// The InterSystems ADO.NET provider, loaded at run time into its own <see cref="System.Runtime.Loader.AssemblyLoadContext"/>
/// (it is not on this project's package mirror, and the server must start without it for the other backends).
/// </summary>
/// <remarks>
/// The provider's factory is found by shape, not by name: a public <see cref="DbProviderFactory"/> subclass with a
/// static <c>Instance</c> field or property, the pattern System.Data.Common's DbProviderFactories.RegisterFactory
/// (Type) relies on. Should the assembly have none, its connection class is used through
/// <see cref="IrisConnectionFactory"/>: <c>IRISConnection</c>, the name "Using the ADO.NET Managed Provider"
/// (BNET_ado) documents, else the only public DbConnection with a parameterless constructor.
/// </remarks>
public sealed class IrisProvider
{
    /// <summary>The documented connection class (BNET_ado, "IRISConnection").</summary>
    public const string DocumentedConnectionType = "IRISConnection";

    private IrisProvider(DbProviderFactory factory, IrisProviderLocation location, string version, string factoryType)
    {
        Factory = factory;
        Location = location;
        Version = version;
        FactoryType = factoryType;
    }

    public DbProviderFactory Factory { get; }

    public IrisProviderLocation Location { get; }

    /// <summary>The assembly's informational version, else its assembly version.</summary>
    public string Version { get; }

    /// <summary>The type connections come from: the provider's factory, or its connection class when it has no factory.</summary>
    public string FactoryType { get; }

    /// <summary>Writes where the provider came from to the server log.</summary>
    public void LogLoaded(Microsoft.Extensions.Logging.ILogger logger) =>
        IrisLog.ProviderLoaded(logger, Version, Location.Source, Location.AssemblyPath, FactoryType);

    /// <summary>Finds (<see cref="IrisProviderLocator"/>) and loads the provider; throws <see cref="IrisProviderException"/> with a message for the user.</summary>
    public static IrisProvider Load(IrisProviderSearch search) => Load(IrisProviderLocator.Locate(search));

    /// <summary>Loads the provider from a located assembly.</summary>
    public static IrisProvider Load(IrisProviderLocation location)
    {
        Assembly assembly;
        Type[] types;
        try
        {
            assembly = new IrisProviderLoadContext(location.AssemblyPath).LoadFromAssemblyPath(location.AssemblyPath);
            types = assembly.GetExportedTypes();
        }
        catch (BadImageFormatException)
        {
            throw new IrisProviderException($"\"{location.AssemblyPath}\" (from {location.Source}) is not a .NET assembly; expected {IrisProviderSearch.AssemblyFileName} from the NuGet package InterSystems.Data.IRISClient or an IRIS install's dev/dotnet/bin/<tfm>/");
        }
        catch (Exception e) when (e is FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TypeLoadException)
        {
            throw new IrisProviderException($"\"{location.AssemblyPath}\" (from {location.Source}) could not be loaded: {e.Message}", e);
        }
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString() ?? "unknown";
        if (FindFactory(types) is { } factory)
            return new IrisProvider(factory, location, version, factory.GetType().FullName!);
        if (FindConnectionType(types) is { } connection)
            return new IrisProvider(new IrisConnectionFactory(connection), location, version, connection.FullName!);
        throw new IrisProviderException($"\"{location.AssemblyPath}\" (from {location.Source}) has no ADO.NET provider in it (no DbProviderFactory with a static Instance and no {DocumentedConnectionType}); expected {IrisProviderSearch.AssemblyFileName} from the NuGet package InterSystems.Data.IRISClient");
    }

    private static DbProviderFactory? FindFactory(Type[] types)
    {
        foreach (var type in types)
        {
            if (type.IsAbstract || !typeof(DbProviderFactory).IsAssignableFrom(type))
                continue;
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
            var value = type.GetField("Instance", flags)?.GetValue(null) ?? type.GetProperty("Instance", flags)?.GetValue(null);
            if (value is DbProviderFactory factory)
                return factory;
        }
        return null;
    }

    private static Type? FindConnectionType(Type[] types)
    {
        var candidates = types.Where(t => !t.IsAbstract && typeof(DbConnection).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null).ToArray();
        return candidates.FirstOrDefault(t => t.Name == DocumentedConnectionType) ?? (candidates.Length == 1 ? candidates[0] : null);
    }
}

using System.Data.Common;
using IrisPgWire.Backends.Iris;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Tests.Unit.Iris;

/// <summary>
/// Loading a located assembly into its own load context and finding its provider factory by shape. No IRIS provider
/// is on this machine, so stand-ins are used: Microsoft.Data.Sqlite (a real ADO.NET provider whose SqliteFactory has
/// the static Instance every DbProviderFactory offers) copied under the IRIS file name, a file that is not an
/// assembly, and an assembly with no provider in it.
/// </summary>
public sealed class IrisProviderLoadTests : IDisposable
{
    private readonly FakeFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_provider_factory_with_a_static_instance_is_found_by_reflection_and_makes_connections()
    {
        var path = _dir.Copy(typeof(SqliteFactory).Assembly.Location, "p/" + IrisProviderSearch.AssemblyFileName);
        var provider = IrisProvider.Load(new IrisProviderLocation(path, "test"));
        Assert.Equal(typeof(SqliteFactory).FullName, provider.FactoryType);
        Assert.NotEqual(typeof(SqliteFactory), provider.Factory.GetType());
        Assert.Equal("InterSystems.Data.IRISClient", System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(provider.Factory.GetType().Assembly)!.Name);
        using var connection = provider.Factory.CreateConnection();
        Assert.IsAssignableFrom<DbConnection>(connection);
        Assert.False(string.IsNullOrEmpty(provider.Version));
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_reported_as_such()
    {
        var path = _dir.File("p/" + IrisProviderSearch.AssemblyFileName);
        var e = Assert.Throws<IrisProviderException>(() => IrisProvider.Load(new IrisProviderLocation(path, "--iris-client-assembly")));
        Assert.Contains("is not a .NET assembly", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_without_a_provider_is_reported_as_such()
    {
        var path = _dir.Copy(typeof(Assert).Assembly.Location, "p/" + IrisProviderSearch.AssemblyFileName);
        var e = Assert.Throws<IrisProviderException>(() => IrisProvider.Load(new IrisProviderLocation(path, "test")));
        Assert.Contains("has no ADO.NET provider", e.Message, StringComparison.Ordinal);
    }
}

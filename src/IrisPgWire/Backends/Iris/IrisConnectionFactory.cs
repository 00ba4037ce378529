using System.Data.Common;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// A <see cref="DbProviderFactory"/> over a provider's connection type, for a provider assembly that has a
/// connection class but no factory of its own: connections come from the type's public parameterless
/// constructor; commands, parameters and the rest from the connection (DbConnection.CreateCommand).
/// </summary>
internal sealed class IrisConnectionFactory(Type connectionType) : DbProviderFactory
{
    public override DbConnection CreateConnection() => (DbConnection)Activator.CreateInstance(connectionType)!;

    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new();
}

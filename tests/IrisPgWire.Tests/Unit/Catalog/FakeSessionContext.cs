using IrisPgWire.Backends;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Catalog;

/// <summary>A session as the catalogue sees it; catalogue answers read none of it.</summary>
internal sealed class FakeSessionContext : ISessionContext
{
    public int ProcessId => 1;
    public string UserName => "postgres";
    public string DatabaseName => "postgres";
    public PgFormatSettings FormatSettings => throw new NotSupportedException();
    public DateTimeOffset TransactionStart => DateTimeOffset.UnixEpoch;
    public string GetSetting(string name) => name == "server_version" ? "15.0" : throw new NotSupportedException(name);
    public string SetSetting(string name, string value, bool isLocal) => throw new NotSupportedException();
    public bool SignalBackend(int processId, bool terminate) => throw new NotSupportedException();
}

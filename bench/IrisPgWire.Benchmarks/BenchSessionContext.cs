using IrisPgWire.Backends;
using IrisPgWire.Types;

namespace IrisPgWire.Benchmarks;

/// <summary>The session settings a store is opened with when a benchmark drives it without the server.</summary>
public sealed class BenchSessionContext : ISessionContext
{
    public int ProcessId => 1;

    public string UserName => "bench";

    public string DatabaseName => "bench";

    public PgFormatSettings FormatSettings => PgFormatSettings.Default;

    public DateTimeOffset TransactionStart => DateTimeOffset.UtcNow;

    public string GetSetting(string name) => throw new NotSupportedException($"no setting {name} in the benchmark");

    public string SetSetting(string name, string value, bool isLocal) => value;

    public bool SignalBackend(int processId, bool terminate) => false;
}

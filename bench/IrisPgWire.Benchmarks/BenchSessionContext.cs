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

    /// <summary>PostgreSQL's default for the settings the store reads (lock_timeout 0: wait without limit).</summary>
    public string GetSetting(string name) => name switch
    {
        "lock_timeout" => "0",
        _ => throw new NotSupportedException($"no setting {name} in the benchmark"),
    };

    public string SetSetting(string name, string value, bool isLocal) => value;

    public bool SignalBackend(int processId, bool terminate) => false;
}

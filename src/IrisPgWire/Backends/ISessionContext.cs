using IrisPgWire.Types;

namespace IrisPgWire.Backends;

/// <summary>
/// What a backend may ask of the client session it serves: identity and run-time settings, so that
/// <c>current_setting()</c>, <c>set_config()</c>, <c>version()</c> and <c>now()</c> answer as PostgreSQL does.
/// </summary>
public interface ISessionContext
{
    /// <summary>The backend process ID the client was given in BackendKeyData.</summary>
    int ProcessId { get; }

    string UserName { get; }
    string DatabaseName { get; }

    /// <summary>The settings that change how values are read and printed.</summary>
    PgFormatSettings FormatSettings { get; }

    /// <summary>Start of the current transaction, as now() and current_timestamp report it.</summary>
    DateTimeOffset TransactionStart { get; }

    /// <summary>A setting's current value as SHOW prints it; throws 42704 for an unknown name.</summary>
    string GetSetting(string name);

    /// <summary>Sets a setting as SET (or SET LOCAL) would; returns the value SHOW would now print.</summary>
    string SetSetting(string name, string value, bool isLocal);

    /// <summary>pg_cancel_backend (false) or pg_terminate_backend (true); false when no session has that process ID.</summary>
    bool SignalBackend(int processId, bool terminate);
}

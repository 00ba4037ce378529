using IrisPgWire.Copy;

namespace IrisPgWire.Protocol.Session;

/// <summary>
/// What one session is doing, for pg_stat_activity and pg_stat_progress_copy as other sessions read them
/// (PostgreSQL manual, "The Cumulative Statistics System"). The session writes; any session reads, so
/// the changing part is one immutable <see cref="ActivityState"/> swapped whole.
/// </summary>
internal sealed class SessionActivity
{
    private ActivityState _state;
    private CopyProgress? _copy;

    public SessionActivity(int processId, string userName, string databaseName, System.Net.EndPoint? remote)
    {
        ProcessId = processId;
        UserName = userName;
        DatabaseName = databaseName;
        if (remote is System.Net.IPEndPoint ip)
        {
            ClientAddress = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4().ToString() : ip.Address.ToString();
            ClientPort = ip.Port;
        }
        BackendStart = DateTimeOffset.UtcNow;
        _state = new ActivityState("idle", "", null, null, BackendStart, "");
    }

    public int ProcessId { get; }
    public string UserName { get; }
    public string DatabaseName { get; }
    public string? ClientAddress { get; }
    public int? ClientPort { get; }
    public DateTimeOffset BackendStart { get; }

    public ActivityState State => Volatile.Read(ref _state);

    /// <summary>The COPY running now, or null.</summary>
    public CopyProgress? Copy
    {
        get => Volatile.Read(ref _copy);
        set => Volatile.Write(ref _copy, value);
    }

    /// <summary>A statement starts: state active, its text and start time.</summary>
    public void Started(string query, DateTimeOffset? transactionStart, string applicationName)
    {
        var now = DateTimeOffset.UtcNow;
        Volatile.Write(ref _state, new ActivityState("active", query, now, transactionStart ?? now, now, applicationName));
    }

    /// <summary>ReadyForQuery: idle, idle in transaction, or idle in transaction (aborted); the last query stays shown.</summary>
    public void Ready(byte transactionStatus, DateTimeOffset? transactionStart, string applicationName)
    {
        var state = transactionStatus switch
        {
            (byte)'T' => "idle in transaction",
            (byte)'E' => "idle in transaction (aborted)",
            _ => "idle",
        };
        var current = State;
        if (current.State == state && current.ApplicationName == applicationName)
            return;
        Volatile.Write(ref _state, current with
        {
            State = state,
            TransactionStart = transactionStatus == (byte)'I' ? null : transactionStart,
            StateChange = DateTimeOffset.UtcNow,
            ApplicationName = applicationName,
        });
    }
}

/// <summary>One moment of a session's activity, as pg_stat_activity shows it.</summary>
internal sealed record ActivityState(string State, string Query, DateTimeOffset? QueryStart, DateTimeOffset? TransactionStart,
    DateTimeOffset StateChange, string ApplicationName);

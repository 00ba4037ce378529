using System.Collections.Concurrent;
using IrisPgWire.Protocol.Session;

namespace IrisPgWire.Server;

/// <summary>
/// The live sessions by process ID, for CancelRequest (which must quote the secret key the session was
/// given in BackendKeyData), for the connection and COPY limits, and for the activity views.
/// </summary>
internal sealed class SessionRegistry : IServerServices
{
    private readonly ConcurrentDictionary<int, Entry> _sessions = new();
    private readonly CopyAdmission _copies;

    public SessionRegistry(int maxConcurrentCopies) => _copies = new CopyAdmission(maxConcurrentCopies);

    private int _nextProcessId = 1000 + (Environment.ProcessId % 1000) * 100;
    private int _connections;

    public int Count => _sessions.Count;

    /// <summary>Counts a new connection; false when the limit is reached.</summary>
    public bool TryAdmit(int max)
    {
        if (Interlocked.Increment(ref _connections) <= max)
            return true;
        Interlocked.Decrement(ref _connections);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _connections);

    public (int ProcessId, int SecretKey) Reserve() =>
        (Interlocked.Increment(ref _nextProcessId), Random.Shared.Next(int.MinValue, int.MaxValue));

    public void Register(int processId, int secretKey, SessionActivity activity, Action cancel, Action terminate) =>
        _sessions[processId] = new Entry(secretKey, activity, cancel, terminate);

    public void Unregister(int processId) => _sessions.TryRemove(processId, out _);

    /// <summary>Cancels the session's running statement when the key matches; otherwise does nothing.</summary>
    public bool TryCancel(int processId, int secretKey)
    {
        if (!_sessions.TryGetValue(processId, out var entry) || entry.SecretKey != secretKey)
            return false;
        entry.Cancel();
        return true;
    }

    /// <summary>
    /// pg_cancel_backend / pg_terminate_backend: signals a session by process ID alone, as a session of the
    /// same user may (every session here is the same superuser). False when there is no such session.
    /// </summary>
    public bool SignalBackend(int processId, bool terminate)
    {
        if (!_sessions.TryGetValue(processId, out var entry))
            return false;
        if (terminate)
            entry.Terminate();
        else
            entry.Cancel();
        return true;
    }

    public IReadOnlyList<SessionActivity> Activities() => [.. _sessions.Values.Select(e => e.Activity).OrderBy(a => a.ProcessId)];

    public ValueTask<IDisposable> EnterCopyAsync(long lockTimeoutMs, CancellationToken cancellationToken) =>
        _copies.EnterAsync(lockTimeoutMs, cancellationToken);

    private sealed record Entry(int SecretKey, SessionActivity Activity, Action Cancel, Action Terminate);
}

using IrisPgWire.Errors;

namespace IrisPgWire.Protocol.Session;

/// <summary>
/// The cancellation of the statement that is running: by the user (CancelRequest, pg_cancel_backend)
/// or by statement_timeout, told apart so the error says which (PostgreSQL's postgres.c, ProcessInterrupts).
/// </summary>
internal sealed class StatementCancellation : IDisposable
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;
    private bool _byUser;

    /// <summary>Starts a statement; the token fires on user cancel, on timeout, or with <paramref name="outer"/>.</summary>
    public CancellationToken Start(long timeoutMs, CancellationToken outer)
    {
        lock (_lock)
        {
            _current?.Dispose();
            _byUser = false;
            _current = CancellationTokenSource.CreateLinkedTokenSource(outer);
            if (timeoutMs > 0)
                _current.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
            return _current.Token;
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _current?.Dispose();
            _current = null;
        }
    }

    /// <summary>Cancels the running statement, if any; a cancel with nothing running does nothing, as in PostgreSQL.</summary>
    public void CancelByUser()
    {
        lock (_lock)
        {
            if (_current is null)
                return;
            _byUser = true;
            _current.Cancel();
        }
    }

    public PgErrorException ToError() =>
        new(SqlState.QueryCanceled, _byUser
            ? "canceling statement due to user request"
            : "canceling statement due to statement timeout");

    public void Dispose() => Stop();
}

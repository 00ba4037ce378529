namespace IrisPgWire.Protocol.Session;

/// <summary>What a session needs from the server beyond its own connection: other sessions and shared limits.</summary>
internal interface IServerServices
{
    /// <summary>pg_cancel_backend / pg_terminate_backend: false when there is no such session.</summary>
    bool SignalBackend(int processId, bool terminate);

    /// <summary>Every live session's activity, for pg_stat_activity and pg_stat_progress_copy.</summary>
    IReadOnlyList<SessionActivity> Activities();

    /// <summary>
    /// Takes one of the --max-concurrent-copies slots, waiting at most <paramref name="lockTimeoutMs"/>
    /// (0: as long as it takes) and then failing with 53300; disposing the result gives the slot back.
    /// </summary>
    ValueTask<IDisposable> EnterCopyAsync(long lockTimeoutMs, CancellationToken cancellationToken);
}

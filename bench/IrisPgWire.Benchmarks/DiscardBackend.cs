using IrisPgWire.Backends;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// A store that keeps nothing: COPY FROM rows are counted and dropped, COPY TO reads the in-memory
/// patients rows. With it the in-process server's COPY path is timed without any storage cost.
/// </summary>
public sealed class DiscardBackend : IBackend
{
    public string Name => "discard";

    public ValueTask<IBackendSession> OpenSessionAsync(ISessionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IBackendSession>(new DiscardSession());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

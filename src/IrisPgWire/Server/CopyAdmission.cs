using IrisPgWire.Errors;

namespace IrisPgWire.Server;

/// <summary>
/// The --max-concurrent-copies limit (DESIGN.md, FR-012): a COPY over it waits for a slot up to
/// lock_timeout and then fails with 53300, so a burst of loads queues instead of thrashing the store.
/// </summary>
internal sealed class CopyAdmission
{
    private readonly SemaphoreSlim _slots;
    private readonly int _max;

    public CopyAdmission(int max)
    {
        _max = max;
        _slots = new SemaphoreSlim(max, max);
    }

    public async ValueTask<IDisposable> EnterAsync(long lockTimeoutMs, CancellationToken cancellationToken)
    {
        var timeout = lockTimeoutMs > 0 ? TimeSpan.FromMilliseconds(lockTimeoutMs) : Timeout.InfiniteTimeSpan;
        if (!await _slots.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new PgErrorException(SqlState.TooManyConnections, "sorry, too many COPY operations already running",
                $"At most {_max} COPY operations run at once (--max-concurrent-copies); this one waited lock_timeout ({lockTimeoutMs} ms) for a slot.",
                "Retry when another COPY has finished, or raise --max-concurrent-copies.");
        }
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release();
        }
    }
}

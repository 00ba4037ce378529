namespace IrisPgWire.Copy;

/// <summary>
/// Keeps the server's memory flat during long COPYs (DESIGN.md, PR-003). The workstation GC lets the
/// young generation grow to about the size of the CPU's last-level cache before it collects, and only a
/// process-start setting (the DOTNET_GCgen0size environment variable, which has no runtimeconfig
/// equivalent) changes that; a COPY of values that need objects (numeric, timestamps, json ...) fills it
/// in seconds, and all of it stays resident. So every <see cref="Interval"/> bytes of COPY data, counted
/// over all sessions, a young-generation collection is asked for: it finds almost nothing alive (rows
/// live for one batch) and takes well under a millisecond. When a large COPY ends, one full collection
/// that gives the freed memory back to the system (<see cref="GCCollectionMode.Aggressive"/>) keeps what
/// one COPY needed from staying resident under the next.
/// </summary>
internal static class CopyHeapBound
{
    public const long Interval = 16L * 1024 * 1024;

    private static long _bytes;

    public static void Add(long count)
    {
        var total = Interlocked.Add(ref _bytes, count);
        if (total / Interval != (total - count) / Interval)
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }

    /// <summary>The least time between two of <see cref="Ended"/>'s collections, so many small COPYs ending together cost one.</summary>
    private static readonly long ReleaseSpacing = System.Diagnostics.Stopwatch.Frequency;

    private static long _lastRelease;

    /// <summary>
    /// A COPY that moved <paramref name="bytes"/> bytes has ended. The collection runs on the thread pool,
    /// so the session sends its CommandComplete without waiting for it.
    /// </summary>
    public static void Ended(long bytes)
    {
        if (bytes < Interval)
            return;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var last = Volatile.Read(ref _lastRelease);
        if (now - last < ReleaseSpacing || Interlocked.CompareExchange(ref _lastRelease, now, last) != last)
            return;
        ThreadPool.UnsafeQueueUserWorkItem(_ => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true), null);
    }
}

namespace IrisPgWire.Copy;

/// <summary>
/// Keeps the server's memory flat during long COPYs (DESIGN.md, PR-003). The workstation GC lets the
/// young generation grow to about the size of the CPU's last-level cache before it collects, and only a
/// process-start setting (the DOTNET_GCgen0size environment variable, which has no runtimeconfig
/// equivalent) changes that; a COPY of values that need objects (numeric, timestamps, json ...) fills it
/// in seconds, and all of it stays resident. So every <see cref="Interval"/> bytes of COPY data, counted
/// over all sessions, a young-generation collection is asked for: it finds almost nothing alive (rows
/// live for one batch) and takes well under a millisecond.
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
}

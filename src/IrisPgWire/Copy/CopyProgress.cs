using System.Diagnostics;

namespace IrisPgWire.Copy;

/// <summary>
/// One running COPY's counters, as pg_stat_progress_copy shows them (PostgreSQL 17 columns). Written by
/// the session running the COPY, read at any time by other sessions: each counter has a single writer,
/// so plain volatile reads and writes are enough.
/// </summary>
public sealed class CopyProgress
{
    /// <summary>How often a long COPY writes a progress line to the server log.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly long _started = Stopwatch.GetTimestamp();
    private long _bytes;
    private long _tuples;
    private long _skipped;
    private long _nextLog;

    public CopyProgress(bool isFrom, uint relationId, string relationName)
    {
        IsFrom = isFrom;
        RelationId = relationId;
        RelationName = relationName;
        _nextLog = _started + (long)(LogInterval.TotalSeconds * Stopwatch.Frequency);
    }

    public bool IsFrom { get; }

    /// <summary>"COPY FROM" or "COPY TO", as the view's command column.</summary>
    public string Command => IsFrom ? "COPY FROM" : "COPY TO";

    /// <summary>Always PIPE: the server takes data only from STDIN and sends it only to STDOUT.</summary>
    public static string Type => "PIPE";

    public uint RelationId { get; }

    public string RelationName { get; }

    public long BytesProcessed => Volatile.Read(ref _bytes);

    public long TuplesProcessed => Volatile.Read(ref _tuples);

    public long TuplesSkipped => Volatile.Read(ref _skipped);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public void AddBytes(long count)
    {
        Volatile.Write(ref _bytes, _bytes + count);
        CopyHeapBound.Add(count);
    }

    public void AddTuple() => Volatile.Write(ref _tuples, _tuples + 1);

    public void AddTuples(long count) => Volatile.Write(ref _tuples, _tuples + count);

    public void AddSkipped() => Volatile.Write(ref _skipped, _skipped + 1);

    /// <summary>True at most once per <see cref="LogInterval"/>, when the COPY should log a progress line.</summary>
    public bool LogDue()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < _nextLog)
            return false;
        _nextLog = now + (long)(LogInterval.TotalSeconds * Stopwatch.Frequency);
        return true;
    }

    /// <summary>Rows per second since the COPY started.</summary>
    public double RowsPerSecond
    {
        get
        {
            var seconds = Elapsed.TotalSeconds;
            return seconds > 0 ? TuplesProcessed / seconds : 0;
        }
    }
}

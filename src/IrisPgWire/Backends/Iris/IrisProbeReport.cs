namespace IrisPgWire.Backends.Iris;

/// <summary>What <see cref="IrisProbe"/> found on one IRIS instance.</summary>
public sealed class IrisProbeReport
{
    /// <summary>Provider version, path and source, and the type connections come from.</summary>
    public string? Provider { get; set; }

    /// <summary>The instance's $ZVERSION, or null when it could not be read.</summary>
    public string? ServerVersion { get; set; }

    /// <summary>Why the probe stopped early (no connection), or null.</summary>
    public string? Failure { get; set; }

    public List<IrisProbeCheck> Checks { get; } = [];

    public List<IrisProbeLoad> Loads { get; } = [];

    /// <summary>The setting to use, with the reason, or null when nothing could be loaded.</summary>
    public IrisProbeRecommendation? Recommendation { get; set; }

    /// <summary>What was created and dropped again, in the order it was dropped.</summary>
    public List<string> Dropped { get; } = [];

    /// <summary>What could not be dropped, with the error: the user removes these by hand.</summary>
    public List<string> LeftBehind { get; } = [];

    /// <summary>True when the instance took at least the single-row INSERT, so the server can use it.</summary>
    public bool Usable => Checks.Any(c => c.Name == IrisProbe.SingleRowCheck && c.Accepted);
}

/// <summary>One statement the dialect uses, and whether the instance accepted it (with its error if not).</summary>
public sealed record IrisProbeCheck(string Name, bool Accepted, string? Error = null);

/// <summary>One timed load: rows stored and seconds taken, or the error that stopped it.</summary>
public sealed record IrisProbeLoad(IrisInsertStrategy Strategy, int Rows, double Seconds, string? Error = null)
{
    public bool Succeeded => Error is null;

    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;
}

/// <summary>The recommended <c>--iris-insert-strategy</c> and why.</summary>
public sealed record IrisProbeRecommendation(IrisInsertStrategy Strategy, string Reason);

using System.Globalization;

namespace IrisPgWire.Backends.Iris;

/// <summary>The rule that turns a probe's timed loads into the recommended insert strategy.</summary>
public static class IrisProbeAdvisor
{
    /// <summary>How close (as a share of the fastest) a more widely usable strategy must come to be preferred.</summary>
    public const double CloseEnough = 0.9;

    /// <summary>
    /// The fastest strategy that loaded every row, except that a strategy that works for more tables wins when it
    /// reaches <see cref="CloseEnough"/> of the fastest: UnionAll carries bytea, which JsonTable cannot, and
    /// SingleRow needs neither a long statement nor IRIS 2024.1. Null when no load succeeded.
    /// </summary>
    public static IrisProbeRecommendation? Recommend(IReadOnlyList<IrisProbeLoad> loads)
    {
        var ok = loads.Where(l => l.Succeeded && l.Rows > 0).ToList();
        if (ok.Count == 0)
            return null;
        var fastest = ok.MaxBy(l => l.RowsPerSecond)!;
        // Most widely usable first.
        foreach (var strategy in (IrisInsertStrategy[])[IrisInsertStrategy.SingleRow, IrisInsertStrategy.UnionAll, IrisInsertStrategy.JsonTable])
        {
            if (strategy == fastest.Strategy)
                break;
            var load = ok.FirstOrDefault(l => l.Strategy == strategy);
            if (load is not null && load.RowsPerSecond >= CloseEnough * fastest.RowsPerSecond)
                return new IrisProbeRecommendation(strategy, string.Create(CultureInfo.InvariantCulture,
                    $"within {100 - (CloseEnough * 100):0}% of the fastest ({IrisProbeText.StrategyName(fastest.Strategy)}, {fastest.RowsPerSecond:0} rows/s) and usable for more tables"));
        }
        return new IrisProbeRecommendation(fastest.Strategy, ok.Count == 1 ? "the only strategy that loaded" : "the fastest");
    }
}

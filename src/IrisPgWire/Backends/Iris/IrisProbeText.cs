using System.Globalization;
using System.Text;

namespace IrisPgWire.Backends.Iris;

/// <summary>The probe's report as the text iris-probe prints, and the strategy names of the command line.</summary>
public static class IrisProbeText
{
    /// <summary>The <c>--iris-insert-strategy</c> value for a strategy: single-row, union-all, json-table.</summary>
    public static string StrategyName(IrisInsertStrategy strategy) => strategy switch
    {
        IrisInsertStrategy.SingleRow => "single-row",
        IrisInsertStrategy.UnionAll => "union-all",
        IrisInsertStrategy.JsonTable => "json-table",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    /// <summary>Reads a <c>--iris-insert-strategy</c> value; false for anything else.</summary>
    public static bool TryParseStrategy(string text, out IrisInsertStrategy strategy)
    {
        foreach (var s in Enum.GetValues<IrisInsertStrategy>())
        {
            if (string.Equals(StrategyName(s), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                strategy = s;
                return true;
            }
        }
        strategy = default;
        return false;
    }

    public static string Format(IrisProbeReport report)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("provider:  ").AppendLine(report.Provider ?? "not loaded");
        sb.Append("server:    ").AppendLine(report.ServerVersion ?? "unknown");
        if (report.Failure is not null)
            sb.Append("stopped:   ").AppendLine(report.Failure);
        if (report.Checks.Count > 0)
        {
            sb.AppendLine("statements the instance accepts:");
            foreach (var check in report.Checks)
            {
                sb.Append(check.Accepted ? "  yes  " : "  no   ").Append(check.Name);
                if (check.Error is not null)
                    sb.Append(": ").Append(OneLine(check.Error));
                sb.AppendLine();
            }
        }
        if (report.Loads.Count > 0)
        {
            sb.AppendLine("timed loads (one transaction each):");
            foreach (var load in report.Loads)
            {
                sb.Append("  ").Append(StrategyName(load.Strategy).PadRight(11));
                if (load.Succeeded)
                    sb.Append(ci, $"{load.Rows,9} rows {load.Seconds,8:0.000} s {load.RowsPerSecond,10:0} rows/s");
                else
                    sb.Append(" failed: ").Append(OneLine(load.Error!));
                sb.AppendLine();
            }
        }
        if (report.Recommendation is { } r)
            sb.Append("recommended: --iris-insert-strategy ").Append(StrategyName(r.Strategy)).Append(" (").Append(r.Reason).AppendLine(")");
        else if (report.Checks.Count > 0)
            sb.AppendLine("recommended: none; no strategy loaded the generated table");
        if (report.Dropped.Count > 0)
            sb.Append("cleaned up: dropped ").AppendLine(string.Join(", ", report.Dropped));
        foreach (var left in report.LeftBehind)
            sb.Append("NOT cleaned up, drop it by hand: ").AppendLine(OneLine(left));
        return sb.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

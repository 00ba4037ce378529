using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace IrisPgWire.Benchmarks;

/// <summary>A rate column: units one operation handles divided by the mean time of one operation.</summary>
public sealed class ThroughputColumn(string name, Func<BenchmarkCase, long?> unitsPerOperation, double scale, string format, string legend) : IColumn
{
    public static ThroughputColumn Megabytes { get; } = new("MB/s", Workload.Bytes, 1e6, "N1", "Megabytes (10^6 bytes) of data handled per second");

    public static ThroughputColumn RowsPerSecond { get; } = new("rows/s", b => Workload.Rows(b), 1, "N0", "Rows handled per second");

    public string Id => "Throughput." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    /// <summary>The rate, or null when the benchmark has no result or no such unit.</summary>
    public double? Rate(Summary summary, BenchmarkCase benchmark)
    {
        var units = unitsPerOperation(benchmark);
        var mean = summary[benchmark]?.ResultStatistics?.Mean;
        return units is null || mean is null or <= 0 ? null : units.Value / (mean.Value / 1e9) / scale;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Rate(summary, benchmarkCase) is { } rate ? rate.ToString(format, CultureInfo.InvariantCulture) : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

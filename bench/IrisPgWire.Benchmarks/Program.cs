using System.Globalization;
using BenchmarkDotNet.Running;
using IrisPgWire.Benchmarks;

// dotnet run -c Release --project bench/IrisPgWire.Benchmarks -- --filter '*'
// --check runs each benchmark's operation once and checks its result, without timing.
if (args is ["--check"])
    return await Check.RunAsync();

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.Create());

// One machine-readable line per benchmark, after BenchmarkDotNet's tables.
Console.WriteLine();
foreach (var summary in summaries)
{
    foreach (var report in summary.Reports)
    {
        var benchmark = report.BenchmarkCase;
        var mean = report.ResultStatistics?.Mean;
        var megabytes = ThroughputColumn.Megabytes.Rate(summary, benchmark);
        var rows = ThroughputColumn.RowsPerSecond.Rate(summary, benchmark);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"THROUGHPUT benchmark={benchmark.Descriptor.Type.Name}.{benchmark.Descriptor.WorkloadMethod.Name}{Parameters(benchmark)} " +
            $"mean_ms={mean / 1e6:F2} bytes_per_op={Workload.Bytes(benchmark)} mb_s={megabytes:F1} rows_s={rows:F0}"));
    }
}

return 0;

static string Parameters(BenchmarkCase benchmark) =>
    benchmark.HasParameters ? "(" + benchmark.Parameters.PrintInfo + ")" : "";

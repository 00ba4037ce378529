using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// A short job (3 warm-ups, 3 measured iterations) run in this process, so a full run stays within a few
/// minutes and needs no second build; the MB/s and rows/s columns and allocations are added.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"))
        .AddColumn(ThroughputColumn.Megabytes, ThroughputColumn.RowsPerSecond)
        .AddDiagnoser(MemoryDiagnoser.Default);
}

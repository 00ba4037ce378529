using BenchmarkDotNet.Running;
using IrisPgWire.Copy;

namespace IrisPgWire.Benchmarks;

/// <summary>How much data and how many rows one operation of each benchmark handles, for the MB/s and rows/s columns.</summary>
public static class Workload
{
    /// <summary>Bytes of COPY data (or of value text/binary for the codecs) one operation handles; null when bytes mean nothing.</summary>
    public static long? Bytes(BenchmarkCase benchmark)
    {
        var data = PatientsData.Instance;
        var type = benchmark.Descriptor.Type;
        var method = benchmark.Descriptor.WorkloadMethod.Name;
        if (type == typeof(CopyInBenchmarks) || type == typeof(CopyOutBenchmarks) || type == typeof(DecodeBenchmarks))
            return data.Encoded((CopyFormat)benchmark.Parameters["Format"]).Length;
        if (type == typeof(CodecBenchmarks))
        {
            var fields = method.EndsWith("Text", StringComparison.Ordinal) ? data.TextFields : data.BinaryFields;
            return fields.Sum(column => column.Sum(field => (long)(field?.Length ?? 0)));
        }
        return null;
    }

    /// <summary>Rows one operation handles: every benchmark goes through the whole patients dataset once.</summary>
    public static long Rows(BenchmarkCase benchmark) => PatientsData.Rows;
}

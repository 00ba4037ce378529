using BenchmarkDotNet.Attributes;
using IrisPgWire.Copy;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// COPY patients TO STDOUT through the in-process server from rows held in memory: each value's text
/// or binary output, TEXT escaping or CSV quoting, and CopyData framing. The client reads and drops.
/// </summary>
public class CopyOutBenchmarks
{
    private InProcessServer _server = null!;
    private byte[] _request = [];

    [Params(CopyFormat.Text, CopyFormat.Csv, CopyFormat.Binary)]
    public CopyFormat Format { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _ = PatientsData.Instance;
        _request = WireClient.Query($"COPY patients TO STDOUT (FORMAT {Format.ToString().ToLowerInvariant()})");
        _server = await InProcessServer.StartAsync(new DiscardBackend());
        var sent = _server.Client.Run(_request);
        if (sent != PatientsData.Instance.Encoded(Format).Length)
            throw new InvalidOperationException($"COPY TO sent {sent} bytes, expected {PatientsData.Instance.Encoded(Format).Length}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _server.DisposeAsync();

    [Benchmark]
    public long Encode() => _server.Client.Run(_request);
}

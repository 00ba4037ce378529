using BenchmarkDotNet.Attributes;
using IrisPgWire.Copy;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// COPY patients FROM STDIN through the in-process server into a store that discards rows: protocol
/// framing, record and field decoding, and each value's conversion by its type's codec. The decoders
/// are internal, so they are timed through the server's public entry point; the client only sends
/// prepared bytes over loopback.
/// </summary>
public class CopyInBenchmarks
{
    private InProcessServer _server = null!;
    private byte[] _request = [];

    [Params(CopyFormat.Text, CopyFormat.Csv, CopyFormat.Binary)]
    public CopyFormat Format { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var data = PatientsData.Instance;
        _request = WireClient.CopyIn($"COPY patients FROM STDIN (FORMAT {Format.ToString().ToLowerInvariant()})", data.Encoded(Format));
        _server = await InProcessServer.StartAsync(new DiscardBackend());
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _server.DisposeAsync();

    /// <summary>The command tag of the last COPY, for <see cref="Check"/>.</summary>
    public string? Tag => _server.Client.LastTag;

    [Benchmark]
    public long Decode() => _server.Client.Run(_request);
}

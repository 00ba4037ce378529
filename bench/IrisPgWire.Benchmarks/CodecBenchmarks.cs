using System.Buffers;
using BenchmarkDotNet.Attributes;
using IrisPgWire.Types;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// The per-value step alone, on one thread: every patients value through its type's codec, text input
/// and output, binary input and output (the public <see cref="IPgCodec"/> contract).
/// </summary>
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private PatientsData _data = null!;

    [GlobalSetup]
    public void Setup() => _data = PatientsData.Instance;

    [Benchmark]
    public int ParseText()
    {
        var parsed = 0;
        for (var c = 0; c < _data.Codecs.Length; c++)
        {
            var codec = _data.Codecs[c];
            foreach (var field in _data.TextFields[c])
            {
                if (field is not null && codec.ParseText(field, -1, PgFormatSettings.Default) is not null)
                    parsed++;
            }
        }
        return parsed;
    }

    [Benchmark]
    public int ParseBinary()
    {
        var parsed = 0;
        for (var c = 0; c < _data.Codecs.Length; c++)
        {
            var codec = _data.Codecs[c];
            foreach (var field in _data.BinaryFields[c])
            {
                if (field is not null && codec.ParseBinary(field, -1) is not null)
                    parsed++;
            }
        }
        return parsed;
    }

    [Benchmark]
    public long FormatText()
    {
        long written = 0;
        foreach (var row in _data.Values)
        {
            _output.ResetWrittenCount();
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is { } value)
                    _data.Codecs[c].FormatText(value, _output, PgFormatSettings.Default);
            }
            written += _output.WrittenCount;
        }
        return written;
    }

    [Benchmark]
    public long FormatBinary()
    {
        long written = 0;
        foreach (var row in _data.Values)
        {
            _output.ResetWrittenCount();
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is { } value)
                    _data.Codecs[c].FormatBinary(value, _output);
            }
            written += _output.WrittenCount;
        }
        return written;
    }
}

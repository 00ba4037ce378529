using BenchmarkDotNet.Attributes;
using IrisPgWire.Copy;
using IrisPgWire.Sql;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// COPY FROM's decoding alone, on one thread, with no socket or store: the patients data fed in 64 KB
/// pieces (as CopyData messages arrive) through the record reader, which splits records, and each record
/// through the field parser, which splits fields and undoes escapes or quoting, with the UTF-8 check the
/// server makes per record. Its MB/s is the decoder's speed per core. Value conversion is not included
/// (<see cref="CodecBenchmarks"/> has it).
/// </summary>
public class DecodeBenchmarks
{
    private const int PieceSize = 64 * 1024;

    private byte[] _data = [];
    private CopyOptions _options = null!;
    private readonly CopyRow _row = new();
    private long _fields;

    [Params(CopyFormat.Text, CopyFormat.Csv)]
    public CopyFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = PatientsData.Instance.Encoded(Format);
        var format = new CopyOptionSyntax("format", new CopyOptionValue(Format.ToString().ToLowerInvariant()), 0);
        _options = CopyOptions.From([format], isFrom: true);
    }

    /// <summary>Returns the number of fields decoded: rows × 8 when every record was split right.</summary>
    [Benchmark]
    public long Decode()
    {
        _fields = 0;
        var reader = _reader = new CopyRecordReader(_options);
        try
        {
            for (var at = 0; at < _data.Length; at += PieceSize)
                reader.Feed(_data.AsSpan(at, Math.Min(PieceSize, _data.Length - at)), OnRecord);
            reader.Complete(OnRecord);
        }
        finally
        {
            reader.Release();
        }
        return _fields;
    }

    private CopyRecordReader _reader = null!;

    private void OnRecord(ReadOnlySpan<byte> record, long line)
    {
        if (!_reader.RecordIsUtf8 && !System.Text.Unicode.Utf8.IsValid(record))
            throw new InvalidOperationException($"line {line} is not UTF-8");
        _row.Clear();
        if (_options.IsCsv)
            CopyFieldParser.ParseCsv(record, _options, _row, _reader.RecordMayBeEscaped);
        else
            CopyFieldParser.ParseText(record, _options, _row, _reader.RecordMayBeEscaped);
        _fields += _row.FieldCount;
    }
}

using System.Buffers;
using System.Text;
using IrisPgWire.Backends;
using IrisPgWire.Errors;
using IrisPgWire.Protocol;
using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Copy;

/// <summary>
/// One COPY TO STDOUT: the table's columns (or the query's result) read from the store as a stream and
/// written row by row as CopyData, through a sink that flushes to the socket at a threshold so a slow
/// client slows the reads instead of growing a buffer.
/// </summary>
internal sealed class CopyOutOperation
{
    private readonly CopyOptions _options;
    private readonly IQueryResult _result;
    private readonly IReadOnlyList<ResultColumn> _columns;

    /// <summary>The store's raw reader of the table, when it has one (TEXT and CSV of a table); otherwise null.</summary>
    private IRawTableReader? _raw;

    private CopyOutOperation(CopyOptions options, IQueryResult result, IReadOnlyList<ResultColumn> columns, TableDefinition? table)
    {
        Progress = new CopyProgress(isFrom: false, table?.Oid ?? 0, table?.Name ?? "");
        _options = options;
        _result = result;
        _columns = columns;
    }

    public int ColumnCount => _columns.Count;

    /// <summary>Rows sent so far; the caller adds the bytes as it sends them.</summary>
    public CopyProgress Progress { get; }

    public bool IsBinary => _options.Format == CopyFormat.Binary;

    public static async ValueTask<CopyOutOperation> StartAsync(CopyStatement statement, IBackendSession backend,
        CancellationToken cancellationToken)
    {
        var options = CopyOptions.From(statement.Options, isFrom: false);
        if (options.Encoding is { } encoding && !CopyInOperation.IsUtf8(encoding))
            throw new PgErrorException(SqlState.FeatureNotSupported, $"COPY with ENCODING '{encoding}' is not supported: UTF8 is sent");
        string sql;
        TableDefinition? source = null;
        if (statement.Query is { } query)
        {
            sql = query;
        }
        else
        {
            var table = await backend.GetTableAsync(statement.Schema, statement.Table!, cancellationToken).ConfigureAwait(false);
            source = table;
            var columns = CopyInOperation.ResolveColumns(table, statement.Columns);
            CopyInOperation.CheckForced(options.ForceQuote, "FORCE_QUOTE", table, columns);
            // A table outside public is named with its schema; the stores without schemas only have public.
            var from = table.Schema is "public" or "" ? QuoteIdentifier(table.Name) : QuoteIdentifier(table.Schema) + "." + QuoteIdentifier(table.Name);
            sql = $"SELECT {string.Join(", ", columns.Select(c => QuoteIdentifier(c.Name)))} FROM {from}";
            if (options.Format != CopyFormat.Binary && backend is IRawTableReaderProvider provider)
            {
                var described = columns.Select(c => new ResultColumn(c.Name, c.Type, table.Oid, c.Number)).ToList();
                return new CopyOutOperation(options, new RowListResult(described, []), described, table)
                {
                    _raw = provider.OpenRawReader(table, columns),
                };
            }
        }
        var result = await backend.ExecuteAsync(sql, [], cancellationToken).ConfigureAwait(false);
        if (result.Columns is null)
        {
            await result.DisposeAsync().ConfigureAwait(false);
            throw new PgErrorException(SqlState.FeatureNotSupported, "COPY query must have a RETURNING clause");
        }
        foreach (var name in options.ForceQuote ?? [])
        {
            if (!result.Columns.Any(c => c.Name == name))
                throw new PgErrorException(SqlState.InvalidColumnReference, $"FORCE_QUOTE column \"{name}\" not referenced by COPY");
        }
        return new CopyOutOperation(options, result, result.Columns, source);
    }

    /// <summary>Streams every row to <paramref name="sink"/>; returns the row count for the tag.</summary>
    public async ValueTask<long> RunAsync(ICopyRowOutput sink, PgFormatSettings settings, CancellationToken cancellationToken)
    {
        if (IsBinary)
            return await RunBinaryAsync(sink, cancellationToken).ConfigureAwait(false);
        if (_raw is not null)
            return await RunRawAsync(_raw, sink, settings, cancellationToken).ConfigureAwait(false);
        var encoder = new CopyRowEncoder(_options, [.. _columns.Select(c => c.Name)]);
        var codecs = _columns.Select(c => PgCodecs.For(c.Type.Type)).ToArray();
        // Each row is made here first and copied as a whole, so a value that fails to read or format
        // leaves no partial message behind.
        using var row = new MessageWriter(1024);
        var value = new ArrayBufferWriter<byte>(256);
        try
        {
            if (_options.Header != CopyHeader.None)
            {
                WriteHeader(encoder, row);
                sink.BeginRow().WriteBytes(row.WrittenMemory.Span);
                await sink.EndRowAsync(cancellationToken).ConfigureAwait(false);
            }
            long count = 0;
            while (await _result.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row.Clear();
                for (var i = 0; i < codecs.Length; i++)
                {
                    if (i > 0)
                        encoder.Delimiter(row);
                    var v = _result.GetValue(i);
                    if (v is null)
                    {
                        encoder.Null(row);
                        continue;
                    }
                    value.ResetWrittenCount();
                    codecs[i].FormatText(v, value, settings);
                    encoder.Value(value.WrittenSpan, i, row);
                }
                encoder.EndRow(row);
                sink.BeginRow().WriteBytes(row.WrittenMemory.Span);
                await sink.EndRowAsync(cancellationToken).ConfigureAwait(false);
                count++;
                Progress.AddTuple();
            }
            return count;
        }
        finally
        {
            await _result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>TEXT and CSV from the store's raw reader (<see cref="CopyRawRowWriter"/>), sent between batches of rows.</summary>
    private async ValueTask<long> RunRawAsync(IRawTableReader reader, ICopyRowOutput sink, PgFormatSettings settings,
        CancellationToken cancellationToken)
    {
        var writer = new CopyRawRowWriter(_options, _columns, settings);
        try
        {
            if (_options.Header != CopyHeader.None)
            {
                WriteHeader(writer.Encoder, sink.BeginRow());
                await sink.EndRowAsync(cancellationToken).ConfigureAwait(false);
            }
            long count = 0;
            while (true)
            {
                var rows = writer.WriteRows(reader, sink, out var ended);
                count += rows;
                Progress.AddTuples(rows);
                if (ended)
                    return count;
                await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            reader.Dispose();
        }
    }

    private void WriteHeader(CopyRowEncoder encoder, MessageWriter row)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (i > 0)
                encoder.Delimiter(row);
            encoder.Header(Encoding.UTF8.GetBytes(_columns[i].Name), row);
        }
        encoder.EndRow(row);
    }

    /// <summary>Binary: the header, each tuple as a field count and length-prefixed send-format values, the -1 trailer.</summary>
    private async ValueTask<long> RunBinaryAsync(ICopyRowOutput sink, CancellationToken cancellationToken)
    {
        var codecs = _columns.Select(c => PgCodecs.For(c.Type.Type)).ToArray();
        var row = new ArrayBufferWriter<byte>(1024);
        try
        {
            // The header travels in the first row's CopyData, as PostgreSQL sends it (copyto.c); Npgsql's
            // exporter reads it that way.
            CopyBinaryReader.WriteHeader(row);
            long count = 0;
            var lengthAt = new byte[4];
            while (await _result.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (count > 0)
                    row.ResetWrittenCount();
                System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(row.GetSpan(2), (short)codecs.Length);
                row.Advance(2);
                for (var i = 0; i < codecs.Length; i++)
                {
                    var v = _result.GetValue(i);
                    var at = row.WrittenCount;
                    row.GetSpan(4);
                    row.Advance(4);
                    if (v is null)
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(lengthAt, -1);
                    }
                    else
                    {
                        codecs[i].FormatBinary(v, row);
                        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(lengthAt, row.WrittenCount - at - 4);
                    }
                    lengthAt.CopyTo(MemoryMarshalSpan(row, at));
                }
                sink.BeginRow().Write(row.WrittenSpan);
                await sink.EndRowAsync(cancellationToken).ConfigureAwait(false);
                count++;
                Progress.AddTuple();
            }
            if (count > 0)
                row.ResetWrittenCount();
            row.Write([(byte)0xFF, (byte)0xFF]);
            sink.BeginRow().Write(row.WrittenSpan);
            await sink.EndRowAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
        finally
        {
            await _result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The written bytes of <paramref name="writer"/> from <paramref name="at"/>, to patch a length in place.</summary>
    private static Span<byte> MemoryMarshalSpan(ArrayBufferWriter<byte> writer, int at) =>
        System.Runtime.InteropServices.MemoryMarshal.AsMemory(writer.WrittenMemory).Span.Slice(at, 4);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

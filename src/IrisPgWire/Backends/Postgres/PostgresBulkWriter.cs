using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using IrisPgWire.Backends.Remote;
using IrisPgWire.Types;
using Npgsql;

namespace IrisPgWire.Backends.Postgres;

/// <summary>
/// COPY FROM forwarded upstream as binary COPY, one upstream COPY per batch inside the session's
/// transaction. Values are written by this server's codecs in PostgreSQL's binary send format (through
/// Npgsql's raw binary COPY stream), so the upstream receives exactly the values this server checked,
/// with no second mapping through Npgsql's CLR types (infinite dates, NaN numerics and month intervals included).
/// </summary>
internal sealed partial class PostgresBulkWriter : IBulkRowWriter
{
    /// <summary>The binary COPY header: signature, flags, header extension length (manual, "COPY", "Binary Format").</summary>
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private const int SendThreshold = 64 * 1024;

    private readonly RemoteConnection _connection;
    private readonly string _copySql;
    private readonly IPgCodec[] _codecs;
    private readonly ArrayBufferWriter<byte> _buffer = new(SendThreshold * 2);
    private readonly ArrayBufferWriter<byte> _value = new(256);

    public PostgresBulkWriter(RemoteConnection connection, TableDefinition table, IReadOnlyList<ColumnDefinition> columns)
    {
        _connection = connection;
        _codecs = [.. columns.Select(c => PgCodecs.For(c.Type.Type))];
        _copySql = $"COPY {PostgresDialect.Quote(table.Schema)}.{PostgresDialect.Quote(table.Name)} " +
                   $"({string.Join(", ", columns.Select(c => PostgresDialect.Quote(c.Name)))}) FROM STDIN (FORMAT binary)";
        // The upstream fills omitted columns itself; COPY's NOT NULL check skips those with a default.
        Defaults = new object?[table.Columns.Count];
    }

    public int FailedRow { get; private set; } = -1;

    public IReadOnlyList<object?> Defaults { get; }

    public async ValueTask WriteAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken)
    {
        FailedRow = -1;
        var connection = (NpgsqlConnection)_connection.Connection;
        var stream = await connection.BeginRawBinaryCopyAsync(_copySql, cancellationToken).ConfigureAwait(false);
        var completed = false;
        try
        {
            _buffer.ResetWrittenCount();
            _buffer.Write(Header);
            for (var r = 0; r < count; r++)
            {
                WriteTuple(rows[r]);
                if (_buffer.WrittenCount >= SendThreshold)
                {
                    await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    _buffer.ResetWrittenCount();
                }
            }
            WriteInt16(-1);
            await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            completed = true;
            // Disposing the stream ends the COPY (CopyDone) and reads the upstream's answer.
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (PostgresException e) when (Line().Match(e.Where ?? "") is { Success: true } match)
        {
            // "COPY t, line N" counts this batch's tuples; COPY's own CONTEXT names the client's input line.
            FailedRow = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) - 1;
            var error = PostgresErrors.Map(e);
            error.Context = null;
            throw error;
        }
        finally
        {
            if (!completed)
                await CancelAsync(stream).ConfigureAwait(false);
        }
    }

    private void WriteTuple(object?[] row)
    {
        WriteInt16((short)_codecs.Length);
        for (var i = 0; i < _codecs.Length; i++)
        {
            if (row[i] is not { } value)
            {
                WriteInt32(-1);
                continue;
            }
            _value.ResetWrittenCount();
            _codecs[i].FormatBinary(value, _value);
            WriteInt32(_value.WrittenCount);
            _buffer.Write(_value.WrittenSpan);
        }
    }

    private void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    private void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>An unfinished COPY is abandoned with CopyFail, so the upstream stores none of it.</summary>
    private static async ValueTask CancelAsync(NpgsqlRawCopyStream stream)
    {
        try
        {
            await stream.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // The upstream answers CopyFail with an error, or the connection is gone: either way nothing was stored.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [GeneratedRegex(@"^COPY [^\n]*, line (\d+)")]
    private static partial Regex Line();
}

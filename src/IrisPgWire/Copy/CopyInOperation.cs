using System.Buffers;
using System.Text.Unicode;
using IrisPgWire.Backends;
using IrisPgWire.Errors;
using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Copy;

/// <summary>
/// One COPY FROM STDIN: CopyData payloads go through the record reader and field parser, each field is
/// converted with its column's codec, and rows go to the store's bulk writer in batches. Errors carry
/// PostgreSQL's CONTEXT. The session owns the transaction; disposing an unfinished operation only frees
/// its resources, the session rolls back.
/// </summary>
internal sealed class CopyInOperation : IAsyncDisposable
{
    private const int BatchRows = 1000;

    private readonly TableDefinition _table;
    private readonly ColumnDefinition[] _columns;
    private readonly IPgCodec[] _codecs;
    private readonly bool[] _forceNotNull;
    private readonly bool[] _forceNull;
    private readonly CopyOptions _options;
    private readonly PgFormatSettings _settings;
    private readonly IBulkRowWriter _writer;
    private readonly CopyRecordReader _reader;
    private readonly CopyBinaryReader? _binary;
    private readonly CopyBinaryReader.TupleHandler _onTuple;
    private readonly CopyRow _row = new();
    /// <summary>
    /// Two batches: one filled by the decoder on the session's thread while the other is being stored on
    /// another (DESIGN.md, FR-006: at most two batches in flight; when both are busy the session stops
    /// reading the socket, so TCP slows the client down).
    /// </summary>
    private BulkRowBatch _filling;
    private BulkRowBatch _spare;

    /// <summary>The writer's cell path, when it has one; then <see cref="_fast"/> says which columns take the shortcut.</summary>
    private readonly IBulkCellWriter? _cells;
    private readonly CopyFastField.Kind[] _fast;
    private Task? _storing;
    private readonly CopyRecordReader.RecordHandler _onRecord;

    /// <summary>For each table column, its position in the COPY's column list, or -1 when omitted.</summary>
    private readonly int[] _copyIndex;
    private bool _headerPending;

    private CancellationToken _statement;
    private Func<PgErrorException>? _canceled;

    /// <summary>Sends a NOTICE to the client (ON_ERROR ignore's reports).</summary>
    private Action<PgErrorException>? _notice;

    /// <summary>ROWS_PER_TRANSACTION: commits the rows stored so far and opens the next transaction.</summary>
    private Func<CancellationToken, ValueTask>? _commit;
    private long _uncommitted;

    private CopyInOperation(TableDefinition table, ColumnDefinition[] columns, CopyOptions options, PgFormatSettings settings,
        IBulkRowWriter writer)
    {
        Progress = new CopyProgress(isFrom: true, table.Oid, table.Name);
        _table = table;
        _columns = columns;
        _options = options;
        _settings = settings;
        _writer = writer;
        _codecs = [.. columns.Select(c => PgCodecs.For(c.Type.Type))];
        _forceNotNull = [.. columns.Select(c => options.ForceNotNull?.Contains(c.Name) ?? false)];
        _forceNull = [.. columns.Select(c => options.ForceNull?.Contains(c.Name) ?? false)];
        _reader = new CopyRecordReader(options);
        _binary = options.Format == CopyFormat.Binary ? new CopyBinaryReader(columns.Length) : null;
        _onTuple = OnTuple;
        _headerPending = options.Header != CopyHeader.None;
        _onRecord = OnRecord;
        _filling = new BulkRowBatch(columns.Length, BatchRows);
        _spare = new BulkRowBatch(columns.Length, BatchRows);
        _cells = writer as IBulkCellWriter;
        _fast = [.. columns.Select(c => _cells is null ? CopyFastField.Kind.None : CopyFastField.For(c.Type))];
        _copyIndex = [.. table.Columns.Select(t => Array.IndexOf(columns, t))];
    }

    /// <summary>Rows stored so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Rows skipped by ON_ERROR ignore.</summary>
    public long SkippedCount { get; private set; }

    /// <summary>ROWS_PER_TRANSACTION: rows committed so far, and the input line of the last of them.</summary>
    public long CommittedRows { get; private set; }

    public long CommittedThroughLine { get; private set; }

    public CopyProgress Progress { get; }

    public TableDefinition Table => _table;

    /// <summary>Where ON_ERROR ignore's NOTICEs go.</summary>
    public void NoticesTo(Action<PgErrorException> notice) => _notice = notice;

    /// <summary>For ROWS_PER_TRANSACTION: how to commit and start the next transaction between rows.</summary>
    public void CommitsWith(Func<CancellationToken, ValueTask> commit) => _commit = commit;

    public CopyOptions Options => _options;

    public int ColumnCount => _columns.Length;

    /// <summary>
    /// Makes the COPY stop at the next line read once <paramref name="statement"/> fires (CancelRequest or
    /// statement_timeout), with <paramref name="error"/> saying why: PostgreSQL checks for interrupts per
    /// line, so a COPY waiting for data is stopped when the next data arrives.
    /// </summary>
    public void CancelWith(CancellationToken statement, Func<PgErrorException> error)
    {
        _statement = statement;
        _canceled = error;
    }

    /// <summary>Checks the statement and options, finds the table and columns, and opens the bulk writer.</summary>
    public static async ValueTask<CopyInOperation> StartAsync(CopyStatement statement, IBackendSession backend,
        PgFormatSettings settings, CancellationToken cancellationToken)
    {
        var options = CopyOptions.From(statement.Options, isFrom: true);
        if (options.Encoding is { } encoding && !IsUtf8(encoding))
            throw new PgErrorException(SqlState.FeatureNotSupported, $"COPY with ENCODING '{encoding}' is not supported: send UTF8");
        if (statement.WhereClause is not null)
            throw new PgErrorException(SqlState.FeatureNotSupported, "COPY FROM ... WHERE is not supported yet");
        var table = await backend.GetTableAsync(statement.Schema, statement.Table!, cancellationToken).ConfigureAwait(false);
        var columns = ResolveColumns(table, statement.Columns);
        CheckForced(options.ForceNotNull, "FORCE_NOT_NULL", table, columns);
        CheckForced(options.ForceNull, "FORCE_NULL", table, columns);
        var writer = await backend.OpenBulkWriterAsync(table, columns, cancellationToken).ConfigureAwait(false);
        return new CopyInOperation(table, columns, options, settings, writer);
    }

    public async ValueTask FeedAsync(ReadOnlySequence<byte> data, CancellationToken cancellationToken)
    {
        Progress.AddBytes(data.Length);
        try
        {
            foreach (var segment in data)
            {
                if (_binary is not null)
                    _binary.Feed(segment.Span, _onTuple);
                else
                    _reader.Feed(segment.Span, _onRecord);
            }
        }
        catch (PgErrorException e) when (e.Context is null)
        {
            // Errors of the input's framing (line endings, end marker) name the line only.
            e.Context = FramingContext();
            throw;
        }
        if (_filling.Count >= BatchRows)
            await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// CONTEXT for an error in the input's framing: the line; in binary the tuple and the field being
    /// read, and none at all before the header was read.
    /// </summary>
    private string? FramingContext()
    {
        if (_binary is null)
            return CopyErrorContext.Line(_table.Name, LineNumber);
        if (!_binary.HeaderRead)
            return null;
        return _binary.IncompleteField >= 0
            ? $"{CopyErrorContext.Line(_table.Name, LineNumber)}, column {_columns[_binary.IncompleteField].Name}"
            : CopyErrorContext.Line(_table.Name, LineNumber);
    }

    /// <summary>The line (or, in binary, the tuple) being read.</summary>
    private long LineNumber => _binary?.TupleNumber ?? _reader.LineNumber;

    /// <summary>CopyDone: the last record, the last batch; returns the row count for the tag.</summary>
    public async ValueTask<long> CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_binary is not null)
                _binary.Complete(_onTuple);
            else
                _reader.Complete(_onRecord);
        }
        catch (PgErrorException e) when (e.Context is null)
        {
            e.Context = FramingContext();
            throw;
        }
        if (_filling.Count > 0)
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        await WaitForStoreAsync().ConfigureAwait(false);
        // copyfrom.c, CopyFrom: the count of skipped rows closes the COPY unless LOG_VERBOSITY is silent.
        if (SkippedCount > 0 && _options.LogVerbosity != CopyLogVerbosity.Silent)
        {
            _notice?.Invoke(new PgErrorException(SqlState.SuccessfulCompletion, SkippedCount == 1
                ? "1 row was skipped due to data type incompatibility"
                : $"{SkippedCount} rows were skipped due to data type incompatibility", severity: ErrorSeverity.Notice));
        }
        return RowCount;
    }

    public async ValueTask DisposeAsync()
    {
        if (_storing is not null)
        {
            // The writer must be idle before it is disposed; its error, if any, was reported already or is moot.
            await _storing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        _reader.Release();
        _binary?.Release();
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private void OnRecord(ReadOnlySpan<byte> record, long line)
    {
        if (_statement.IsCancellationRequested && _canceled is not null)
        {
            var error = _canceled();
            error.Context = CopyErrorContext.LineWithText(_table.Name, line, record);
            throw error;
        }
        try
        {
            if (!_reader.RecordIsUtf8 && !Utf8.IsValid(record))
            {
                // PostgreSQL checks the encoding before it reads the line, so its CONTEXT has no line text.
                var invalid = InvalidEncoding(record);
                invalid.Context = CopyErrorContext.Line(_table.Name, line);
                throw invalid;
            }
            _row.Clear();
            _row.LineNumber = line;
            if (_options.IsCsv)
                CopyFieldParser.ParseCsv(record, _options, _row, _reader.RecordMayBeEscaped);
            else
                CopyFieldParser.ParseText(record, _options, _row, _reader.RecordMayBeEscaped);
        }
        catch (PgErrorException e) when (e.Context is null)
        {
            e.Context = CopyErrorContext.LineWithText(_table.Name, line, record);
            throw;
        }
        if (_headerPending)
        {
            _headerPending = false;
            if (_options.Header == CopyHeader.Match)
                MatchHeader(record, line);
            return;
        }
        // An empty line with one column is one empty field; more fields than columns is an error before any
        // is read, fewer when the loop below reaches the first missing one, after the fields before it were
        // converted (copyfromparse.c, NextCopyFrom).
        if (_row.FieldCount > _columns.Length)
            throw new PgErrorException(SqlState.BadCopyFileFormat, "extra data after last expected column")
            {
                Context = CopyErrorContext.LineWithText(_table.Name, line, record),
            };
        var batch = _filling;
        // The record is valid UTF-8, and so is every field cut from it unless a TEXT escape made its bytes.
        var fieldsAreUtf8 = _options.IsCsv || !record.Contains((byte)'\\');
        for (var i = 0; i < _columns.Length; i++)
        {
            if (i == _row.FieldCount)
                throw new PgErrorException(SqlState.BadCopyFileFormat, $"missing data for column \"{_columns[i].Name}\"")
                {
                    Context = CopyErrorContext.LineWithText(_table.Name, line, record),
                };
            var isNull = _row.IsNull(i);
            if (_options.IsCsv)
            {
                if (isNull && _forceNotNull[i])
                    isNull = false;
                else if (!isNull && _forceNull[i] && _row.Field(i).SequenceEqual(_options.NullBytes))
                    isNull = true;
            }
            if (isNull)
            {
                batch.SetNull(i);
                continue;
            }
            if (CopyFastField.TryStore(_fast[i], _columns[i].Type.Modifier, _row.Field(i), fieldsAreUtf8, batch, i))
                continue;
            try
            {
                batch.SetValue(i, _codecs[i].ParseText(_row.Field(i), _columns[i].Type.Modifier, _settings));
            }
            catch (PgErrorException) when (_options.OnError == CopyOnError.Ignore)
            {
                // ON_ERROR ignore: a field whose text its type cannot read skips the row (a "soft" error
                // of the type's input function); everything else still stops the COPY.
                SkipRow(line, i);
                return;
            }
            catch (PgErrorException e)
            {
                // Contexts stack innermost first, as PostgreSQL prints them (a JSON error's own line, then COPY's).
                var context = CopyErrorContext.Column(_table.Name, line, _columns[i].Name, _row.Field(i));
                e.Context = e.Context is null ? context : e.Context + "\n" + context;
                throw;
            }
        }
        CheckNotNull(batch, record, line);
        batch.Commit(line);
        Progress.AddTuple();
    }

    /// <summary>
    /// ON_ERROR ignore: counts the row out, with LOG_VERBOSITY verbose's NOTICE whose CONTEXT names only
    /// the table, and stops once REJECT_LIMIT is passed (copyfromparse.c NextCopyFrom, copyfrom.c CopyFrom).
    /// </summary>
    private void SkipRow(long line, int column)
    {
        SkippedCount++;
        Progress.AddSkipped();
        var name = _columns[column].Name;
        var value = CopyErrorContext.Display(_row.Field(column));
        if (_options.LogVerbosity == CopyLogVerbosity.Verbose)
        {
            _notice?.Invoke(new PgErrorException(SqlState.SuccessfulCompletion,
                $"skipping row due to data type incompatibility at line {line} for column \"{name}\": \"{value}\"",
                severity: ErrorSeverity.Notice)
            {
                Context = $"COPY {_table.Name}",
            });
        }
        if (_options.RejectLimit > 0 && SkippedCount > _options.RejectLimit)
            throw new PgErrorException(SqlState.InvalidTextRepresentation,
                $"skipped more than REJECT_LIMIT ({_options.RejectLimit}) rows due to data type incompatibility")
            {
                Context = CopyErrorContext.Column(_table.Name, line, name, _row.Field(column)),
            };
    }

    /// <summary>
    /// NOT NULL over the whole row as it will be stored, omitted columns taking their defaults, in column
    /// order, after every value was converted (execMain.c, ExecConstraints).
    /// </summary>
    private void CheckNotNull(BulkRowBatch batch, ReadOnlySpan<byte> record, long line)
    {
        var row = batch.Count;
        var columns = _table.Columns;
        for (var t = 0; t < columns.Count; t++)
        {
            if (!columns[t].NotNull)
                continue;
            var index = _copyIndex[t];
            var isNull = index >= 0 ? batch.Kind(row, index) == BulkCellKind.Null : _writer.Defaults[t] is null;
            // An omitted column whose default only the store knows (an identity) is never null.
            if (!isNull || (index < 0 && columns[t].HasDefault))
                continue;
            throw new PgErrorException(SqlState.NotNullViolation,
                $"null value in column \"{columns[t].Name}\" of relation \"{_table.Name}\" violates not-null constraint",
                $"Failing row contains ({FailingRow(batch, row)}).")
            {
                Context = _binary is null ? CopyErrorContext.LineWithText(_table.Name, line, record) : CopyErrorContext.Line(_table.Name, line),
                SchemaName = _table.Schema,
                TableName = _table.Name,
                ColumnName = columns[t].Name,
            };
        }
    }

    /// <summary>The row as PostgreSQL shows it in "Failing row contains": each value's text, null for NULL.</summary>
    private string FailingRow(BulkRowBatch batch, int row)
    {
        var parts = new List<string>();
        var buffer = new ArrayBufferWriter<byte>();
        for (var t = 0; t < _table.Columns.Count; t++)
        {
            var index = _copyIndex[t];
            var value = index >= 0 ? batch.Canonical(row, index, _columns[index].Type.Type) : _writer.Defaults[t];
            if (value is null)
            {
                parts.Add("null");
                continue;
            }
            buffer.Clear();
            PgCodecs.For(_table.Columns[t].Type.Type).FormatText(value, buffer, _settings);
            parts.Add(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        return string.Join(", ", parts);
    }

    /// <summary>One binary tuple: each field through its type's receive function; CONTEXT names the tuple and column.</summary>
    private void OnTuple(ReadOnlySpan<byte> tuple, int fieldCount, long number)
    {
        var batch = _filling;
        var offset = 0;
        for (var i = 0; i < fieldCount; i++)
        {
            if (CopyBinaryReader.ReadField(tuple, ref offset, out var field) < 0)
            {
                batch.SetNull(i);
                continue;
            }
            try
            {
                batch.SetValue(i, _codecs[i].ParseBinary(field, _columns[i].Type.Modifier));
            }
            catch (PgErrorException e)
            {
                e.Context = $"COPY {_table.Name}, line {number}, column {_columns[i].Name}";
                throw;
            }
        }
        CheckNotNull(batch, [], number);
        batch.Commit(number);
        Progress.AddTuple();
    }

    /// <summary>Hands the filled batch to the store and takes the other one to fill, waiting if it is still being stored.</summary>
    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await WaitForStoreAsync().ConfigureAwait(false);
        var batch = _filling;
        _filling = _spare;
        _spare = batch;
        _storing = StoreAsync(batch, cancellationToken);
    }

    private async Task StoreAsync(BulkRowBatch batch, CancellationToken cancellationToken)
    {
        // Off the session's thread, so decoding the next batch goes on meanwhile.
        await Task.Yield();
        if (_commit is null || _options.RowsPerTransaction <= 0)
        {
            await WriteAsync(batch, 0, batch.Count, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await StoreChunksAsync(batch, batch.Count, cancellationToken).ConfigureAwait(false);
        }
        batch.Clear(BatchRows);
    }

    /// <summary>
    /// ROWS_PER_TRANSACTION: stores the batch's first <paramref name="count"/> rows, cut where a transaction
    /// must end so that each holds exactly n rows, committing at each cut.
    /// </summary>
    private async ValueTask StoreChunksAsync(BulkRowBatch batch, int count, CancellationToken cancellationToken)
    {
        for (var start = 0; start < count;)
        {
            var take = (int)Math.Min(count - start, _options.RowsPerTransaction - _uncommitted);
            await WriteAsync(batch, start, take, cancellationToken).ConfigureAwait(false);
            start += take;
            _uncommitted += take;
            if (_uncommitted < _options.RowsPerTransaction)
                continue;
            await _commit!(cancellationToken).ConfigureAwait(false);
            _uncommitted = 0;
            CommittedRows = RowCount;
            CommittedThroughLine = batch.Lines[start - 1];
        }
    }

    /// <summary>
    /// ROWS_PER_TRANSACTION after an error in the input: the rows read before the bad line still make up
    /// whole transactions of n rows, so those are stored and committed as a row-by-row load would have
    /// done; the rest is rolled back by the session. Errors here leave the first error the one reported.
    /// </summary>
    public async ValueTask CommitWholeChunksAsync(CancellationToken cancellationToken)
    {
        if (_commit is null || _options.RowsPerTransaction <= 0)
            return;
        await WaitForStoreAsync().ConfigureAwait(false);
        var whole = (int)((_uncommitted + _filling.Count) / _options.RowsPerTransaction * _options.RowsPerTransaction - _uncommitted);
        if (whole > 0)
            await StoreChunksAsync(_filling, whole, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(BulkRowBatch batch, int start, int count, CancellationToken cancellationToken)
    {
        try
        {
            if (_cells is not null)
            {
                await _cells.WriteAsync(batch, start, count, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var rows = start == 0 ? batch.Rows : [.. batch.Rows.Skip(start).Take(count)];
                await _writer.WriteAsync(rows, count, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PgErrorException e) when (e.Context is null && _writer.FailedRow >= 0 && start + _writer.FailedRow < batch.Lines.Count)
        {
            e.Context = CopyErrorContext.Line(_table.Name, batch.Lines[start + _writer.FailedRow]);
            throw;
        }
        RowCount += count;
    }

    private async ValueTask WaitForStoreAsync()
    {
        var storing = _storing;
        _storing = null;
        if (storing is not null)
            await storing.ConfigureAwait(false);
    }

    /// <summary>HEADER MATCH: the header's fields must name the columns in order (copyfromparse.c, NextCopyFromRawFields).</summary>
    private void MatchHeader(ReadOnlySpan<byte> record, long line)
    {
        if (_row.FieldCount != _columns.Length)
            throw new PgErrorException(SqlState.BadCopyFileFormat,
                $"wrong number of fields in header line: got {_row.FieldCount}, expected {_columns.Length}")
            {
                Context = CopyErrorContext.LineWithText(_table.Name, line, record),
            };
        for (var i = 0; i < _columns.Length; i++)
        {
            var name = System.Text.Encoding.UTF8.GetString(_row.Field(i));
            if (_row.IsNull(i))
                throw new PgErrorException(SqlState.BadCopyFileFormat,
                    $"column name mismatch in header line field {i + 1}: got null value (\"{_options.Null}\"), expected \"{_columns[i].Name}\"")
                {
                    Context = CopyErrorContext.LineWithText(_table.Name, line, record),
                };
            if (name != _columns[i].Name)
                throw new PgErrorException(SqlState.BadCopyFileFormat,
                    $"column name mismatch in header line field {i + 1}: got \"{name}\", expected \"{_columns[i].Name}\"")
                {
                    Context = CopyErrorContext.LineWithText(_table.Name, line, record),
                };
        }
    }

    private static PgErrorException InvalidEncoding(ReadOnlySpan<byte> record)
    {
        var at = 0;
        while (at < record.Length && System.Text.Rune.DecodeFromUtf8(record[at..], out _, out var used) == OperationStatus.Done)
            at += used;
        // As report_invalid_encoding (mbutils.c): as many bytes as the first one says its character has.
        var lead = record[at];
        var length = lead switch
        {
            >= 0xF8 => 1,
            >= 0xF0 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        var end = Math.Min(record.Length, at + length);
        var bytes = string.Join(" ", record[at..end].ToArray().Select(b => $"0x{b:x2}"));
        return new PgErrorException(SqlState.CharacterNotInRepertoire, $"invalid byte sequence for encoding \"UTF8\": {bytes}");
    }

    internal static ColumnDefinition[] ResolveColumns(TableDefinition table, IReadOnlyList<string>? names)
    {
        if (names is null)
            return [.. table.Columns];
        var columns = new List<ColumnDefinition>();
        foreach (var name in names)
        {
            var column = table.Find(name) ?? throw new PgErrorException(SqlState.UndefinedColumn,
                $"column \"{name}\" of relation \"{table.Name}\" does not exist");
            if (columns.Contains(column))
                throw new PgErrorException(SqlState.DuplicateColumn, $"column \"{name}\" specified more than once");
            columns.Add(column);
        }
        return [.. columns];
    }

    internal static void CheckForced(IReadOnlyList<string>? names, string option, TableDefinition table, ColumnDefinition[] columns)
    {
        foreach (var name in names ?? [])
        {
            if (table.Find(name) is null)
                throw new PgErrorException(SqlState.UndefinedColumn, $"column \"{name}\" of relation \"{table.Name}\" does not exist");
            if (!columns.Any(c => c.Name == name))
                throw new PgErrorException(SqlState.InvalidColumnReference, $"{option} column \"{name}\" not referenced by COPY");
        }
    }

    internal static bool IsUtf8(string encoding) =>
        encoding.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant() is "UTF8" or "UNICODE" or "SQLASCII";
}

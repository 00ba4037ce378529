using System.Buffers;
using IrisPgWire.Backends;
using IrisPgWire.Catalog;
using IrisPgWire.Copy;
using IrisPgWire.Diagnostics;
using IrisPgWire.Errors;
using IrisPgWire.Protocol.Messages.Backend;
using IrisPgWire.Protocol.Messages.Frontend;
using IrisPgWire.Sql;
using IrisPgWire.Types;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Protocol.Session;

/// <summary>
/// One client's session after startup: the state machine that dispatches each frontend message in one
/// place (PostgreSQL manual, "Message Flow"): simple query, extended query with its error-until-Sync
/// rule, transactions with PostgreSQL's block states, and settings.
/// </summary>
internal sealed class PgSession : ISessionContext, IAsyncDisposable
{
    /// <summary>Output is sent once this much is buffered, so long results stream at bounded memory.</summary>
    private const int FlushThreshold = 64 * 1024;

    private readonly IBackendSession _backend;
    private readonly SessionSettings _settings;
    private readonly MessageWriter _writer;
    private readonly Func<MessageWriter, CancellationToken, ValueTask> _send;
    private readonly ILogger _logger;
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Portal> _portals = new(StringComparer.Ordinal);
    private readonly StatementCancellation _cancellation = new();
    private readonly SessionTransaction _transaction;
    private bool _skipUntilSync;
    private PendingQuery? _query;
    private CopyInOperation? _copyIn;
    private Portal? _copyPortal;
    private IDisposable? _copySlot;

    private readonly SessionActivity _activity;
    private readonly IServerServices _server;

    public PgSession(SessionActivity activity, IBackendSession backend,
        SessionSettings settings, MessageWriter writer, Func<MessageWriter, CancellationToken, ValueTask> send, ILogger logger,
        IServerServices server)
    {
        _activity = activity;
        _server = server;
        ProcessId = activity.ProcessId;
        UserName = activity.UserName;
        DatabaseName = activity.DatabaseName;
        _backend = backend;
        _settings = settings;
        _writer = writer;
        _send = send;
        _logger = logger;
        _transaction = new SessionTransaction(backend, settings, ClosePortalsAsync,
            notice => ErrorResponseMessage.WriteNotice(writer, notice));
    }

    public int ProcessId { get; }
    public string UserName { get; }
    public string DatabaseName { get; }
    public PgFormatSettings FormatSettings => _settings.Format;
    public DateTimeOffset TransactionStart => _transaction.Start;

    /// <summary>Cancels the running statement, as a CancelRequest or pg_cancel_backend does.</summary>
    public void Cancel() => _cancellation.CancelByUser();

    public string GetSetting(string name) => _settings.Get(name);

    public bool SignalBackend(int processId, bool terminate) => _server.SignalBackend(processId, terminate);

    public string SetSetting(string name, string value, bool isLocal) =>
        _settings.Set(name, value, isLocal, _transaction.Active);

    /// <summary>
    /// Handles one message. Returns false when the connection must close (Terminate). A FATAL
    /// <see cref="PgErrorException"/> escapes to the caller, which reports it and closes.
    /// </summary>
    public async ValueTask<bool> HandleAsync(byte code, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var message = (FrontendMessageCode)code;
        if (message == FrontendMessageCode.Terminate)
            return false;
        if (_copyIn is not null)
        {
            await CopyMessageAsync(message, payload, cancellationToken).ConfigureAwait(false);
            return true;
        }
        if (_skipUntilSync && message != FrontendMessageCode.Sync)
            return true;
        try
        {
            switch (message)
            {
                case FrontendMessageCode.Query:
                    await SimpleQueryAsync(QueryMessage.Parse(payload).Sql, cancellationToken).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.Parse:
                    await ParseAsync(ParseMessage.Parse(payload)).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.Bind:
                    await BindAsync(BindMessage.Parse(payload)).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.Describe:
                    await DescribeAsync(DescribeMessage.Parse(payload, "Describe"), cancellationToken).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.Execute:
                    await ExecuteAsync(ExecuteMessage.Parse(payload), cancellationToken).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.Close:
                    await CloseAsync(DescribeMessage.Parse(payload, "Close")).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.Sync:
                    await SyncAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.Flush:
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case FrontendMessageCode.CopyData or FrontendMessageCode.CopyDone or FrontendMessageCode.CopyFail:
                    // Outside COPY IN these are ignored, as PostgreSQL does (postgres.c, PostgresMain).
                    break;
                case FrontendMessageCode.FunctionCall:
                    throw new PgErrorException(SqlState.FeatureNotSupported, "function call protocol is not supported");
                default:
                    throw PgErrorException.Protocol($"invalid frontend message type {code}");
            }
        }
        catch (PgErrorException e) when (e.Severity != ErrorSeverity.Fatal)
        {
            await FailAsync(e, extended: message != FrontendMessageCode.Query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (PgErrorException or OperationCanceledException or IOException))
        {
            // A bug, not a client error: logged with its stack; the client gets XX000 without internals.
            Log.InternalError(_logger, ProcessId, e);
            var error = new PgErrorException(SqlState.InternalError, "internal error", detail: e.Message);
            await FailAsync(error, extended: message != FrontendMessageCode.Query, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Ends the session: open portals closed, an open transaction rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        await EndCopyAsync().ConfigureAwait(false);
        await ClosePortalsAsync().ConfigureAwait(false);
        await _backend.DisposeAsync().ConfigureAwait(false);
        _cancellation.Dispose();
    }

    private async ValueTask SimpleQueryAsync(string sql, CancellationToken cancellationToken)
    {
        var statements = SqlSplitter.Split(sql);
        if (statements.Count == 0)
        {
            EmptyMessages.Write(_writer, BackendMessageCode.EmptyQueryResponse);
            await ReadyAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        // Several statements in one Query run in one implicit transaction (PostgreSQL manual,
        // "Multiple Statements in a Simple Query").
        _query = new PendingQuery(sql, statements, ImplicitBlock: statements.Count > 1);
        await ContinueQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the simple query's remaining statements; a COPY FROM STDIN pauses it until CopyDone.</summary>
    private async ValueTask ContinueQueryAsync(CancellationToken cancellationToken)
    {
        var query = _query!;
        try
        {
            while (query.Next < query.Statements.Count)
            {
                var text = query.Statements[query.Next++];
                // Statements are slices of the query text, in order: an error position counts from its start.
                query.Offset = query.Sql.IndexOf(text, query.Offset, StringComparison.Ordinal);
                var statement = StatementClassifier.Classify(text);
                await RunStatementAsync(statement, [], [], query.ImplicitBlock, maxRows: 0, portal: null, cancellationToken)
                    .ConfigureAwait(false);
                if (_copyIn is not null)
                    return;
                query.Offset += text.Length;
            }
            _query = null;
            await _transaction.EndImplicitAsync(cancellationToken).ConfigureAwait(false);
            ReportSettingChanges();
        }
        catch (PgErrorException e) when (e.Severity != ErrorSeverity.Fatal)
        {
            await FailQueryAsync(e, cancellationToken).ConfigureAwait(false);
            return;
        }
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An error ends the simple query: the rest of its statements are not run.</summary>
    private async ValueTask FailQueryAsync(PgErrorException error, CancellationToken cancellationToken)
    {
        if (_query is { } query && error.Position is { } position && query.Offset > 0)
            error.Position = position + query.Offset;
        _query = null;
        await FailAsync(error, extended: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// COPY FROM STDIN in progress: CopyData feeds it, CopyDone ends it, CopyFail aborts it; Flush and
    /// Sync are ignored; anything else is a protocol error that aborts the COPY (manual, "COPY Operations").
    /// </summary>
    private async ValueTask CopyMessageAsync(FrontendMessageCode message, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var copy = _copyIn!;
        try
        {
            switch (message)
            {
                case FrontendMessageCode.CopyData:
                    await copy.FeedAsync(payload, cancellationToken).ConfigureAwait(false);
                    LogCopyProgress(copy.Progress);
                    return;
                case FrontendMessageCode.CopyDone:
                    var rows = await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
                    var portal = _copyPortal;
                    await EndCopyAsync().ConfigureAwait(false);
                    CommandCompleteMessage.Write(_writer, $"COPY {rows}");
                    if (portal is not null)
                        portal.Completed = true;
                    else
                        await ContinueQueryAsync(cancellationToken).ConfigureAwait(false);
                    return;
                case FrontendMessageCode.CopyFail:
                    throw new PgErrorException(SqlState.QueryCanceled, $"COPY from stdin failed: {CopyFailMessage.Parse(payload).Reason}");
                case FrontendMessageCode.Flush or FrontendMessageCode.Sync:
                    return;
                default:
                    throw new PgErrorException(SqlState.ProtocolViolation,
                        $"unexpected message type 0x{(byte)message:X2} during COPY from stdin");
            }
        }
        catch (PgErrorException e) when (e.Severity != ErrorSeverity.Fatal)
        {
            var extended = _copyPortal is not null;
            if (copy.Options.RowsPerTransaction > 0)
            {
                if (e.SqlState != SqlState.QueryCanceled)
                    await CommitCopyChunksAsync(copy, cancellationToken).ConfigureAwait(false);
                // What was committed stays: say how much, and from where the load resumes.
                var committed = copy.CommittedRows == 0
                    ? "No rows were committed before this error (ROWS_PER_TRANSACTION)."
                    : $"{copy.CommittedRows} rows were committed before this error (ROWS_PER_TRANSACTION), " +
                      $"through line {copy.CommittedThroughLine} of the input; resume with the lines after it.";
                e.Detail = e.Detail is null ? committed : e.Detail + "\n" + committed;
            }
            await EndCopyAsync().ConfigureAwait(false);
            if (extended)
                await FailAsync(e, extended: true, cancellationToken).ConfigureAwait(false);
            else
                await FailQueryAsync(e, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask StartCopyAsync(ClassifiedStatement statement, Portal? portal, CancellationToken cancellationToken)
    {
        var copy = CopyStatementParser.Parse(statement.Sql);
        if (copy.Endpoint is CopyEndpoint.File or CopyEndpoint.Program)
        {
            throw new PgErrorException(SqlState.FeatureNotSupported,
                $"COPY {(copy.IsFrom ? "FROM" : "TO")} a server-side {(copy.Endpoint == CopyEndpoint.File ? "file" : "program")} is not supported",
                hint: $"Use COPY {(copy.IsFrom ? "FROM STDIN" : "TO STDOUT")}, or psql's \\copy.");
        }
        if (!copy.IsFrom)
        {
            await CopyOutAsync(copy, portal, cancellationToken).ConfigureAwait(false);
            return;
        }
        var token = _cancellation.Start(_settings.StatementTimeoutMs, cancellationToken);
        CopyInOperation? operation = null;
        try
        {
            var slot = await EnterCopyAsync(token, cancellationToken).ConfigureAwait(false);
            _copySlot = slot;
            // A COPY is all or nothing: outside a transaction block it runs in its own. ROWS_PER_TRANSACTION
            // commits as it goes, so like VACUUM it refuses to run where it cannot commit.
            try
            {
                await _transaction.BeginImplicitAsync(forWriting: true, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw _cancellation.ToError();
            }
            operation = await CopyInOperation.StartAsync(copy, _backend, _settings.Format, cancellationToken).ConfigureAwait(false);
            if (operation.Options.RowsPerTransaction > 0)
            {
                if (_transaction.State is TransactionState.Block or TransactionState.Failed || _query is { ImplicitBlock: true })
                    throw new PgErrorException(SqlState.ActiveSqlTransaction, "COPY ROWS_PER_TRANSACTION cannot run inside a transaction block");
                operation.CommitsWith(CommitCopyRowsAsync);
            }
        }
        catch
        {
            if (operation is not null)
                await operation.DisposeAsync().ConfigureAwait(false);
            _cancellation.Stop();
            ReleaseCopySlot();
            throw;
        }
        operation.CancelWith(token, _cancellation.ToError);
        operation.NoticesTo(notice => ErrorResponseMessage.WriteNotice(_writer, notice));
        _activity.Copy = operation.Progress;
        _copyIn = operation;
        _copyPortal = portal;
        CopyInResponseMessage.Write(_writer, binary: operation.Options.Format == CopyFormat.Binary, operation.ColumnCount);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>COPY TO STDOUT: CopyOutResponse, one CopyData per row, CopyDone, then COPY n (manual, "COPY Operations").</summary>
    private async ValueTask CopyOutAsync(CopyStatement copy, Portal? portal, CancellationToken cancellationToken)
    {
        var token = _cancellation.Start(_settings.StatementTimeoutMs, cancellationToken);
        IDisposable? slot = null;
        try
        {
            slot = await EnterCopyAsync(token, cancellationToken).ConfigureAwait(false);
            var operation = await CopyOutOperation.StartAsync(copy, _backend, token).ConfigureAwait(false);
            var progress = operation.Progress;
            _activity.Copy = progress;
            CopyInResponseMessage.WriteOut(_writer, binary: operation.IsBinary, operation.ColumnCount);
            var output = new CopyDataOutput(this, progress);
            var rows = await operation.RunAsync(output, _settings.Format, token).ConfigureAwait(false);
            output.ReportBytes();
            EmptyMessages.Write(_writer, BackendMessageCode.CopyDone);
            CommandCompleteMessage.Write(_writer, $"COPY {rows}");
            if (portal is not null)
                portal.Completed = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw _cancellation.ToError();
        }
        finally
        {
            if (_activity.Copy is { } ended)
                CopyHeapBound.Ended(ended.BytesProcessed);
            _activity.Copy = null;
            slot?.Dispose();
            _cancellation.Stop();
        }
    }

    /// <summary>
    /// COPY TO's rows as CopyData messages in the session's output buffer, sent at <see cref="FlushThreshold"/>.
    /// The bytes are added to the progress view at each send and by <see cref="ReportBytes"/> at the end,
    /// not per row: the counter is shared with other sessions' readers.
    /// </summary>
    private sealed class CopyDataOutput(PgSession session, CopyProgress progress) : ICopyRowOutput
    {
        private int _rowStart;
        private long _unreported;

        public MessageWriter BeginRow()
        {
            session._writer.StartMessage(BackendMessageCode.CopyData);
            _rowStart = session._writer.WrittenCount;
            return session._writer;
        }

        public bool EndRow()
        {
            var writer = session._writer;
            _unreported += writer.WrittenCount - _rowStart;
            writer.EndMessage();
            return writer.WrittenCount >= FlushThreshold;
        }

        public async ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            ReportBytes();
            await session._send(session._writer, cancellationToken).ConfigureAwait(false);
            session.LogCopyProgress(progress);
        }

        public void ReportBytes()
        {
            progress.AddBytes(_unreported);
            _unreported = 0;
        }
    }

    private async ValueTask EndCopyAsync()
    {
        var copy = _copyIn;
        _copyIn = null;
        _copyPortal = null;
        if (copy is null)
            return;
        _cancellation.Stop();
        _activity.Copy = null;
        CopyHeapBound.Ended(copy.Progress.BytesProcessed);
        try
        {
            await copy.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            ReleaseCopySlot();
        }
    }

    private async ValueTask<IDisposable> EnterCopyAsync(CancellationToken statement, CancellationToken connection)
    {
        try
        {
            return await _server.EnterCopyAsync(_settings.LockTimeoutMs, statement).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!connection.IsCancellationRequested)
        {
            throw _cancellation.ToError();
        }
    }

    private void ReleaseCopySlot()
    {
        _copySlot?.Dispose();
        _copySlot = null;
    }

    private async ValueTask CommitCopyChunksAsync(CopyInOperation copy, CancellationToken cancellationToken)
    {
        try
        {
            await copy.CommitWholeChunksAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PgErrorException failure)
        {
            // The error being reported is the first one; this one only ends what could be kept.
            Log.RollbackFailed(_logger, ProcessId, failure.Message);
        }
    }

    /// <summary>ROWS_PER_TRANSACTION: ends the COPY's transaction with what it stored and opens the next.</summary>
    private async ValueTask CommitCopyRowsAsync(CancellationToken cancellationToken)
    {
        await _backend.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _backend.BeginAsync(forWriting: true, cancellationToken).ConfigureAwait(false);
        if (_copyIn is { } copy)
            Log.CopyCommitted(_logger, ProcessId, copy.Progress.Command, copy.Table.Name, copy.RowCount);
    }

    /// <summary>A COPY running longer than a few seconds writes a progress line every few seconds.</summary>
    private void LogCopyProgress(CopyProgress progress)
    {
        if (progress.LogDue())
        {
            Log.CopyProgress(_logger, ProcessId, progress.Command, progress.RelationName, progress.Elapsed.TotalSeconds,
                progress.TuplesProcessed, progress.BytesProcessed, progress.RowsPerSecond);
        }
    }

    private ValueTask ParseAsync(ParseMessage message)
    {
        var statements = SqlSplitter.Split(message.Sql);
        if (statements.Count > 1)
            throw new PgErrorException(SqlState.SyntaxError, "cannot insert multiple commands into a prepared statement");
        var statement = statements.Count == 0
            ? new ClassifiedStatement(StatementKind.Empty, "")
            : StatementClassifier.Classify(statements[0]);
        var types = new PgType?[message.ParameterTypeOids.Length];
        for (var i = 0; i < types.Length; i++)
        {
            var oid = message.ParameterTypeOids[i];
            if (oid == 0)
                continue;
            if (!PgTypeCatalog.TryGetByOid(oid, out var type))
                throw new PgErrorException(SqlState.UndefinedObject, $"type with OID {oid} does not exist");
            types[i] = type;
        }
        if (message.StatementName.Length > 0 && _statements.ContainsKey(message.StatementName))
            throw new PgErrorException(SqlState.DuplicatePreparedStatement, $"prepared statement \"{message.StatementName}\" already exists");
        _statements[message.StatementName] = new PreparedStatement(statement, types);
        EmptyMessages.Write(_writer, BackendMessageCode.ParseComplete);
        return ValueTask.CompletedTask;
    }

    private async ValueTask BindAsync(BindMessage message)
    {
        var prepared = FindStatement(message.StatementName);
        if (message.ParameterValues.Length != prepared.ParameterTypes.Length &&
            !(prepared.ParameterTypes.Length == 0 && message.ParameterValues.Length > 0))
        {
            throw PgErrorException.Protocol(
                $"bind message supplies {message.ParameterValues.Length} parameters, but prepared statement \"{message.StatementName}\" requires {prepared.ParameterTypes.Length}");
        }
        if (message.ParameterFormats.Length > 1 && message.ParameterFormats.Length != message.ParameterValues.Length)
            throw PgErrorException.Protocol(
                $"bind message has {message.ParameterFormats.Length} parameter formats but {message.ParameterValues.Length} parameters");
        var parameters = new QueryParameter[message.ParameterValues.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = i < prepared.ParameterTypes.Length ? prepared.ParameterTypes[i] : null;
            var binary = BindMessage.FormatAt(message.ParameterFormats, i) == 1;
            parameters[i] = DecodeParameter(type, message.ParameterValues[i], binary, i + 1);
        }
        if (message.PortalName.Length > 0 && _portals.ContainsKey(message.PortalName))
            throw new PgErrorException(SqlState.DuplicateCursor, $"cursor \"{message.PortalName}\" already exists");
        if (_portals.Remove(message.PortalName, out var old))
            await old.DisposeAsync().ConfigureAwait(false);
        _portals[message.PortalName] = new Portal(prepared, parameters, message.ResultFormats);
        EmptyMessages.Write(_writer, BackendMessageCode.BindComplete);
    }

    private QueryParameter DecodeParameter(PgType? type, byte[]? value, bool binary, int number)
    {
        if (value is null)
            return new QueryParameter(type ?? PgTypeCatalog.Unknown, null);
        if (type is null)
        {
            if (binary)
                throw new PgErrorException(SqlState.IndeterminateDatatype, $"could not determine data type of parameter ${number}");
            return new QueryParameter(PgTypeCatalog.Unknown, System.Text.Encoding.UTF8.GetString(value));
        }
        var codec = PgCodecs.For(type);
        try
        {
            return new QueryParameter(type, binary ? codec.ParseBinary(value, -1) : codec.ParseText(value, -1, _settings.Format));
        }
        catch (PgErrorException e) when (binary)
        {
            throw new PgErrorException(SqlState.InvalidBinaryRepresentation,
                $"incorrect binary data format in bind parameter {number}", innerException: e);
        }
    }

    private async ValueTask DescribeAsync(DescribeMessage message, CancellationToken cancellationToken)
    {
        if (message.IsPortal)
        {
            var portal = FindPortal(message.Name);
            var columns = await DescribeResultAsync(portal, cancellationToken).ConfigureAwait(false);
            WriteRowDescriptionOrNoData(columns, portal.ResultFormats);
            return;
        }
        var prepared = FindStatement(message.Name);
        var parameterTypes = prepared.ParameterTypes.Select(t => t ?? PgTypeCatalog.Text).ToList();
        IReadOnlyList<ResultColumn>? resultColumns = null;
        switch (prepared.Statement.Kind)
        {
            case StatementKind.Query:
                if (!CatalogQueries.TryExecute(prepared.Statement.Sql, [], this, out var catalog))
                {
                    var sql = prepared.Statement.Sql;
                    var given = prepared.ParameterTypes.Select(t => new PgTypeOrUnknown(t)).ToList();
                    var description = SystemViews.Mentions(sql)
                        ? await SystemViews.DescribeAsync(sql, given, this, cancellationToken).ConfigureAwait(false)
                        : await _backend.DescribeAsync(sql, given, cancellationToken).ConfigureAwait(false);
                    parameterTypes = [.. description.ParameterTypes];
                    resultColumns = description.Columns;
                }
                else
                {
                    resultColumns = catalog.Columns;
                    await catalog.DisposeAsync().ConfigureAwait(false);
                }
                break;
            case StatementKind.Show:
                resultColumns = ShowColumns(prepared.Statement);
                break;
        }
        ParameterDescriptionMessage.Write(_writer, parameterTypes);
        WriteRowDescriptionOrNoData(resultColumns, []);
    }

    private async ValueTask<IReadOnlyList<ResultColumn>?> DescribeResultAsync(Portal portal, CancellationToken cancellationToken)
    {
        switch (portal.Statement.Statement.Kind)
        {
            case StatementKind.Query:
                _transaction.RefuseIfFailed();
                await _transaction.BeginImplicitAsync(!portal.Statement.Statement.ReadsOnly, cancellationToken).ConfigureAwait(false);
                // The result is opened now and read by the Execute that follows, as a Describe of a
                // portal always precedes its Execute in practice.
                await StartPortalAsync(portal, cancellationToken).ConfigureAwait(false);
                return portal.Result?.Columns;
            case StatementKind.Show:
                return ShowColumns(portal.Statement.Statement);
            default:
                return null;
        }
    }

    private void WriteRowDescriptionOrNoData(IReadOnlyList<ResultColumn>? columns, short[] formats)
    {
        if (columns is null)
        {
            EmptyMessages.Write(_writer, BackendMessageCode.NoData);
            return;
        }
        if (formats.Length > 1 && formats.Length != columns.Count)
            throw PgErrorException.Protocol($"bind message has {formats.Length} result formats but query has {columns.Count} columns");
        RowDescriptionMessage.Write(_writer, columns, formats);
    }

    private async ValueTask ExecuteAsync(ExecuteMessage message, CancellationToken cancellationToken)
    {
        var portal = FindPortal(message.PortalName);
        var statement = portal.Statement.Statement;
        if (portal.Completed)
        {
            CommandCompleteMessage.Write(_writer, portal.Result?.CommandTag ?? "SELECT 0");
            return;
        }
        await RunStatementAsync(statement, portal.Parameters, portal.ResultFormats, implicitBlock: true, message.MaxRows, portal,
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CloseAsync(DescribeMessage message)
    {
        if (message.IsPortal)
        {
            if (_portals.Remove(message.Name, out var portal))
                await portal.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _statements.Remove(message.Name);
        }
        EmptyMessages.Write(_writer, BackendMessageCode.CloseComplete);
    }

    private async ValueTask SyncAsync(CancellationToken cancellationToken)
    {
        _skipUntilSync = false;
        try
        {
            await _transaction.EndImplicitAsync(cancellationToken).ConfigureAwait(false);
            ReportSettingChanges();
        }
        catch (PgErrorException e) when (e.Severity != ErrorSeverity.Fatal)
        {
            await FailAsync(e, extended: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!_transaction.Active)
            await ClosePortalsAsync().ConfigureAwait(false);
        await ReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement of any kind and writes its result messages.</summary>
    private async ValueTask RunStatementAsync(ClassifiedStatement statement, IReadOnlyList<QueryParameter> parameters,
        short[] resultFormats, bool implicitBlock, int maxRows, Portal? portal, CancellationToken cancellationToken)
    {
        if (statement.Kind is not (StatementKind.Commit or StatementKind.Rollback or StatementKind.RollbackToSavepoint))
            _transaction.RefuseIfFailed();
        _activity.Started(statement.Sql, _transaction.Active ? _transaction.Start : null, _settings.Get("application_name"));
        switch (statement.Kind)
        {
            case StatementKind.Empty:
                EmptyMessages.Write(_writer, BackendMessageCode.EmptyQueryResponse);
                return;
            case StatementKind.Query:
                if (implicitBlock)
                    await _transaction.BeginImplicitAsync(!statement.ReadsOnly, cancellationToken).ConfigureAwait(false);
                await RunQueryAsync(statement, parameters, resultFormats, maxRows, portal, cancellationToken).ConfigureAwait(false);
                return;
            case StatementKind.Copy:
                await StartCopyAsync(statement, portal, cancellationToken).ConfigureAwait(false);
                return;
            case StatementKind.Show:
                await ShowAsync(statement, resultFormats, describe: portal is null, cancellationToken).ConfigureAwait(false);
                return;
            default:
                var tag = await RunUtilityAsync(statement, cancellationToken).ConfigureAwait(false);
                CommandCompleteMessage.Write(_writer, tag);
                if (portal is not null)
                    portal.Completed = true;
                ReportSettingChanges();
                return;
        }
    }

    private async ValueTask RunQueryAsync(ClassifiedStatement statement, IReadOnlyList<QueryParameter> parameters,
        short[] resultFormats, int maxRows, Portal? portal, CancellationToken cancellationToken)
    {
        portal ??= new Portal(new PreparedStatement(statement, []), parameters, resultFormats);
        var ownsPortal = !_portals.ContainsValue(portal);
        try
        {
            await StartPortalAsync(portal, cancellationToken).ConfigureAwait(false);
            var result = portal.Result!;
            var columns = result.Columns;
            if (columns is null)
            {
                CommandCompleteMessage.Write(_writer, result.CommandTag);
                portal.Completed = true;
                return;
            }
            if (ownsPortal)
                RowDescriptionMessage.Write(_writer, columns, resultFormats);
            var codecs = new IPgCodec[columns.Count];
            var binary = new bool[columns.Count];
            for (var i = 0; i < codecs.Length; i++)
            {
                codecs[i] = PgCodecs.For(columns[i].Type.Type);
                binary[i] = BindMessage.FormatAt(resultFormats, i) == 1;
            }
            var token = _cancellation.Start(_settings.StatementTimeoutMs, cancellationToken);
            var sent = 0;
            try
            {
                while (maxRows <= 0 || sent < maxRows)
                {
                    if (!await result.ReadAsync(token).ConfigureAwait(false))
                    {
                        portal.Completed = true;
                        var tag = result.CommandTag;
                        CommandCompleteMessage.Write(_writer, tag.StartsWith("SELECT ", StringComparison.Ordinal) && maxRows > 0
                            ? $"SELECT {sent}"
                            : tag);
                        return;
                    }
                    DataRowMessage.Write(_writer, result, codecs, binary, _settings.Format);
                    sent++;
                    if (_writer.WrittenCount >= FlushThreshold)
                        await _send(_writer, token).ConfigureAwait(false);
                }
                EmptyMessages.Write(_writer, BackendMessageCode.PortalSuspended);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw _cancellation.ToError();
            }
            finally
            {
                _cancellation.Stop();
            }
        }
        finally
        {
            if (ownsPortal || portal.Completed)
                await portal.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask StartPortalAsync(Portal portal, CancellationToken cancellationToken)
    {
        if (portal.Result is not null || portal.Completed)
            return;
        var sql = portal.Statement.Statement.Sql;
        // A Describe of the portal runs it before its Execute: the session is active from here.
        _activity.Started(sql, _transaction.Active ? _transaction.Start : null, _settings.Get("application_name"));
        if (CatalogQueries.TryExecute(sql, portal.Parameters, this, out var catalog))
        {
            portal.Result = catalog;
            return;
        }
        var token = _cancellation.Start(_settings.StatementTimeoutMs, cancellationToken);
        try
        {
            portal.Result = SystemViews.Mentions(sql)
                ? await SystemViews.ExecuteAsync(sql, portal.Parameters, _server.Activities(), this, token).ConfigureAwait(false)
                : await _backend.ExecuteAsync(sql, portal.Parameters, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw _cancellation.ToError();
        }
        finally
        {
            _cancellation.Stop();
        }
    }

    private async ValueTask ShowAsync(ClassifiedStatement statement, short[] resultFormats, bool describe,
        CancellationToken cancellationToken)
    {
        var columns = ShowColumns(statement);
        List<object?[]> rows = statement.Name == "all"
            ? [.. _settings.All().Select(s => new object?[] { s.Name, s.Value, "" })]
            : [[_settings.Get(statement.Name!)]];
        if (describe)
            RowDescriptionMessage.Write(_writer, columns, resultFormats);
        var result = new RowListResult(columns, rows, "SHOW");
        var codecs = columns.Select(c => PgCodecs.For(c.Type.Type)).ToArray();
        var binary = columns.Select((_, i) => BindMessage.FormatAt(resultFormats, i) == 1).ToArray();
        while (await result.ReadAsync(cancellationToken).ConfigureAwait(false))
            DataRowMessage.Write(_writer, result, codecs, binary, _settings.Format);
        CommandCompleteMessage.Write(_writer, "SHOW");
    }

    private IReadOnlyList<ResultColumn> ShowColumns(ClassifiedStatement statement)
    {
        var text = new PgTypeRef(PgTypeCatalog.Text);
        if (statement.Name == "all")
            return [new ResultColumn("name", text), new ResultColumn("setting", text), new ResultColumn("description", text)];
        var name = statement.Name!;
        _settings.Get(name);
        var shown = _settings.All().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Name ?? name;
        return [new ResultColumn(shown, text)];
    }

    /// <summary>Transaction control, SET/RESET and the other statements the session answers itself. Returns the tag.</summary>
    private async ValueTask<string> RunUtilityAsync(ClassifiedStatement statement, CancellationToken cancellationToken)
    {
        switch (statement.Kind)
        {
            case StatementKind.Begin or StatementKind.Commit or StatementKind.Rollback or StatementKind.Savepoint
                or StatementKind.ReleaseSavepoint or StatementKind.RollbackToSavepoint:
                return await _transaction.ControlAsync(statement, cancellationToken).ConfigureAwait(false);
            case StatementKind.Set:
                if (statement.IsLocal && _transaction.State != TransactionState.Block)
                    Notice(SqlState.NoActiveSqlTransaction, "SET LOCAL can only be used in transaction blocks");
                _settings.Set(statement.Name!, statement.Value, statement.IsLocal, _transaction.Active);
                return "SET";
            case StatementKind.SetTransaction:
                return "SET";
            case StatementKind.Reset:
                if (statement.Name == "all")
                    _settings.ResetAll();
                else
                    _settings.Reset(statement.Name!);
                return "RESET";
            case StatementKind.Discard:
                if (_transaction.Active)
                    throw new PgErrorException(SqlState.ActiveSqlTransaction, "DISCARD ALL cannot run inside a transaction block");
                if (string.Equals(statement.Name, "all", StringComparison.OrdinalIgnoreCase))
                {
                    _settings.ResetAll();
                    _statements.Clear();
                    await ClosePortalsAsync().ConfigureAwait(false);
                }
                return "DISCARD " + (statement.Name ?? "ALL").ToUpperInvariant();
            case StatementKind.Deallocate:
                if (statement.Name is null)
                {
                    _statements.Clear();
                    return "DEALLOCATE ALL";
                }
                if (!_statements.Remove(statement.Name))
                    throw new PgErrorException(SqlState.InvalidSqlStatementName, $"prepared statement \"{statement.Name}\" does not exist");
                return "DEALLOCATE";
            default:
                throw new PgErrorException(SqlState.FeatureNotSupported, $"statement kind {statement.Kind} is not supported");
        }
    }

    /// <summary>Reports an error and applies PostgreSQL's rules for what it does to the transaction.</summary>
    private async ValueTask FailAsync(PgErrorException error, bool extended, CancellationToken cancellationToken)
    {
        _writer.DiscardPartialMessage();
        ErrorResponseMessage.Write(_writer, error);
        if (await _transaction.OnErrorAsync(cancellationToken).ConfigureAwait(false) is { } rollbackError)
            Log.RollbackFailed(_logger, ProcessId, rollbackError.Message);
        ReportSettingChanges();
        if (extended)
        {
            // Extended query: discard messages until Sync (PostgreSQL manual, "Extended Query").
            _skipUntilSync = true;
        }
        else
        {
            await ReadyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Notice(string sqlState, string message) =>
        ErrorResponseMessage.WriteNotice(_writer, new PgErrorException(sqlState, message, severity: ErrorSeverity.Warning));

    /// <summary>ParameterStatus for each reported setting a statement or a transaction's end changed.</summary>
    private void ReportSettingChanges()
    {
        foreach (var (name, value) in _settings.TakeReportedChanges())
            ParameterStatusMessage.Write(_writer, name, value);
    }

    private async ValueTask ReadyAsync(CancellationToken cancellationToken)
    {
        ReadyForQueryMessage.Write(_writer, _transaction.Status);
        _activity.Ready(_transaction.Status, _transaction.Start, _settings.Get("application_name"));
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask FlushAsync(CancellationToken cancellationToken) => _send(_writer, cancellationToken);

    private PreparedStatement FindStatement(string name) =>
        _statements.TryGetValue(name, out var statement)
            ? statement
            : throw new PgErrorException(SqlState.InvalidSqlStatementName, $"prepared statement \"{name}\" does not exist");

    private Portal FindPortal(string name) =>
        _portals.TryGetValue(name, out var portal)
            ? portal
            : throw new PgErrorException(SqlState.InvalidCursorName, $"portal \"{name}\" does not exist");

    /// <summary>Closes every portal: PostgreSQL's portals live no longer than their transaction.</summary>
    private async ValueTask ClosePortalsAsync()
    {
        foreach (var portal in _portals.Values)
            await portal.DisposeAsync().ConfigureAwait(false);
        _portals.Clear();
    }
}

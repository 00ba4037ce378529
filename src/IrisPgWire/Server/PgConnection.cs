using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using IrisPgWire.Backends;
using IrisPgWire.Diagnostics;
using IrisPgWire.Errors;
using IrisPgWire.Protocol;
using IrisPgWire.Protocol.Messages.Backend;
using IrisPgWire.Protocol.Messages.Frontend;
using IrisPgWire.Protocol.Session;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Server;

/// <summary>
/// One client connection: the startup phase (PostgreSQL manual, "Start-up"), then one PipeReader loop
/// that frames every message — COPY data included — and hands it to the session.
/// </summary>
internal sealed class PgConnection
{
    /// <summary>Messages that are always small get PostgreSQL's small limit (pqcomm.c, PQ_SMALL_MESSAGE_LIMIT).</summary>
    private const int SmallMessageLimit = 10_000;

    private static readonly string[] ParametersNotSettings = ["user", "database", "options", "replication"];

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly MessageWriter _writer = new();
    private readonly IBackend _backend;
    private readonly SessionRegistry _registry;
    private readonly PgServerOptions _options;
    private readonly ILogger _logger;
    private int _processId;

    public PgConnection(Socket socket, IBackend backend, SessionRegistry registry, PgServerOptions options, ILogger logger)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        _backend = backend;
        _registry = registry;
        _options = options;
        _logger = logger;
    }

    /// <summary>Ends this connection alone: pg_terminate_backend, or the server stopping.</summary>
    private readonly CancellationTokenSource _terminate = new();

    public async Task RunAsync(CancellationToken serverStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _terminate.Token);
        var cancellationToken = linked.Token;
        var admitted = false;
        PgSession? session = null;
        try
        {
            var startup = await ReadStartupAsync(cancellationToken).ConfigureAwait(false);
            if (startup is null)
                return;
            admitted = _registry.TryAdmit(_options.MaxConnections);
            if (!admitted)
            {
                Log.TooManyClients(_logger, _socket.RemoteEndPoint, _options.MaxConnections);
                throw new PgErrorException(SqlState.TooManyConnections, "sorry, too many clients already", severity: ErrorSeverity.Fatal);
            }
            session = await StartSessionAsync(startup, cancellationToken).ConfigureAwait(false);
            await MessageLoopAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (PgErrorException e) when (e.Severity == ErrorSeverity.Fatal)
        {
            if (e.SqlState == SqlState.ProtocolViolation)
                Log.ProtocolViolation(_logger, _processId, e.Message);
            await TrySendFinalAsync(e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await TrySendFinalAsync(new PgErrorException(SqlState.AdminShutdown,
                "terminating connection due to administrator command", severity: ErrorSeverity.Fatal)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Log.ConnectionLost(_logger, _processId, e.Message);
        }
        catch (Exception e)
        {
            Log.InternalError(_logger, _processId, e);
            await TrySendFinalAsync(new PgErrorException(SqlState.InternalError, "internal error", severity: ErrorSeverity.Fatal))
                .ConfigureAwait(false);
        }
        finally
        {
            if (session is not null)
            {
                await DisposeSessionAsync(session).ConfigureAwait(false);
                _registry.Unregister(_processId);
                Log.SessionEnded(_logger, _processId);
            }
            if (admitted)
                _registry.Release();
            await _reader.CompleteAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
            _writer.Dispose();
            _terminate.Dispose();
        }
    }

    /// <summary>Reads packets until a StartupMessage; null when the connection was a cancel request or closed.</summary>
    private async Task<StartupMessage?> ReadStartupAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            StartupMessage? message = null;
            try
            {
                if (MessageFramer.TryReadStartupPacket(ref buffer, out var payload))
                    message = StartupMessage.Parse(payload);
            }
            finally
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
            if (message is null)
            {
                if (read.IsCompleted)
                    return null;
                continue;
            }
            switch (message.Code)
            {
                case StartupMessage.SslRequestCode or StartupMessage.GssEncRequestCode:
                    // Neither TLS nor GSSAPI encryption is offered: answer 'N' and expect a plain startup.
                    await _stream.WriteAsync(new byte[] { (byte)'N' }, cancellationToken).ConfigureAwait(false);
                    continue;
                case StartupMessage.CancelRequestCode:
                    var found = _registry.TryCancel(message.CancelProcessId, message.CancelSecretKey);
                    Log.CancelRequest(_logger, message.CancelProcessId, found ? "delivered" : "ignored: no such session or wrong key");
                    return null;
            }
            if (message.MajorVersion != 3)
            {
                throw new PgErrorException(SqlState.FeatureNotSupported,
                    $"unsupported frontend protocol {message.MajorVersion}.{message.MinorVersion}: server supports 3.0 to 3.0",
                    severity: ErrorSeverity.Fatal);
            }
            return message;
        }
    }

    private async Task<PgSession> StartSessionAsync(StartupMessage startup, CancellationToken cancellationToken)
    {
        var user = startup.GetParameter("user");
        if (string.IsNullOrEmpty(user))
            throw new PgErrorException(SqlState.InvalidAuthorizationSpecification, "no PostgreSQL user name specified in startup packet",
                severity: ErrorSeverity.Fatal);
        var database = startup.GetParameter("database") is { Length: > 0 } db ? db : user;

        if (startup.MinorVersion > 0 || startup.Parameters.Any(p => p.Key.StartsWith("_pq_.", StringComparison.Ordinal)))
        {
            // We speak 3.0 and no protocol extensions (PostgreSQL manual, "NegotiateProtocolVersion").
            NegotiateProtocolVersionMessage.Write(_writer, 0,
                [.. startup.Parameters.Where(p => p.Key.StartsWith("_pq_.", StringComparison.Ordinal)).Select(p => p.Key)]);
        }

        var settings = new SessionSettings(user);
        try
        {
            foreach (var (name, value) in StartupSettings(startup))
                settings.Set(name, value, isLocal: false, inTransaction: false);
        }
        catch (PgErrorException e)
        {
            throw new PgErrorException(e.SqlState, e.Message, e.Detail, e.Hint, ErrorSeverity.Fatal);
        }
        settings.TakeReportedChanges();

        PgSession? session = null;
        var (pid, key) = _registry.Reserve();
        var activity = new SessionActivity(pid, user, database, _socket.RemoteEndPoint);
        _registry.Register(pid, key, activity, () => session?.Cancel(), _terminate.Cancel);
        _processId = pid;
        IBackendSession backendSession;
        var context = new StartupContext(pid, user, database, settings, _registry);
        try
        {
            backendSession = await _backend.OpenSessionAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (PgErrorException e)
        {
            _registry.Unregister(pid);
            throw new PgErrorException(e.SqlState, e.Message, e.Detail, e.Hint, ErrorSeverity.Fatal);
        }
        session = new PgSession(activity, backendSession, settings, _writer, SendAsync, _logger, _registry);
        context.Session = session;
        Log.SessionStarted(_logger, pid, user, database, _socket.RemoteEndPoint);

        AuthenticationOkMessage.Write(_writer);
        foreach (var (name, value) in settings.Reported())
            ParameterStatusMessage.Write(_writer, name, value);
        BackendKeyDataMessage.Write(_writer, pid, key);
        ReadyForQueryMessage.Write(_writer, (byte)'I');
        await SendAsync(_writer, cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>Startup parameters that are settings, including <c>options=-c name=value</c> (PostgreSQL manual, "options").</summary>
    private static IEnumerable<(string Name, string Value)> StartupSettings(StartupMessage startup)
    {
        foreach (var (name, value) in startup.Parameters)
        {
            if (name.StartsWith("_pq_.", StringComparison.Ordinal))
                continue;
            if (name == "options")
            {
                foreach (var (optionName, optionValue) in ParseOptions(value))
                    yield return (optionName, optionValue);
                continue;
            }
            if (Array.IndexOf(ParametersNotSettings, name) < 0)
                yield return (name, value);
        }
    }

    private static IEnumerable<(string, string)> ParseOptions(string options)
    {
        var words = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            string? assignment = null;
            if (word == "-c" && i + 1 < words.Length)
                assignment = words[++i];
            else if (word.StartsWith("-c", StringComparison.Ordinal))
                assignment = word[2..];
            else if (word.StartsWith("--", StringComparison.Ordinal))
                assignment = word[2..];
            var eq = assignment?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (assignment is not null && eq > 0)
                yield return (assignment[..eq].Replace('-', '_'), assignment[(eq + 1)..]);
        }
    }

    private async Task MessageLoopAsync(PgSession session, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            try
            {
                while (TryReadMessage(ref buffer, out var code, out var payload))
                {
                    if (!await session.HandleAsync(code, payload, cancellationToken).ConfigureAwait(false))
                        return;
                }
            }
            finally
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
            if (read.IsCompleted)
                return;
        }
    }

    private bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out byte code, out ReadOnlySequence<byte> payload)
    {
        var limit = _options.MaxMessageSize;
        if (buffer.Length > 0)
        {
            var first = (FrontendMessageCode)buffer.FirstSpan[0];
            if (first is FrontendMessageCode.Sync or FrontendMessageCode.Flush or FrontendMessageCode.Terminate
                or FrontendMessageCode.Describe or FrontendMessageCode.Close or FrontendMessageCode.Execute
                or FrontendMessageCode.CopyDone)
                limit = Math.Min(limit, SmallMessageLimit);
        }
        return MessageFramer.TryReadMessage(ref buffer, limit, out code, out payload);
    }

    private async ValueTask SendAsync(MessageWriter writer, CancellationToken cancellationToken)
    {
        if (writer.WrittenCount == 0)
            return;
        await _stream.WriteAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        writer.Clear();
    }

    private async Task TrySendFinalAsync(PgErrorException error)
    {
        try
        {
            _writer.DiscardPartialMessage();
            ErrorResponseMessage.Write(_writer, error);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await SendAsync(_writer, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.ConnectionLost(_logger, _processId, e.Message);
        }
    }

    private async Task DisposeSessionAsync(PgSession session)
    {
        try
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is PgErrorException or InvalidOperationException)
        {
            Log.RollbackFailed(_logger, _processId, e.Message);
        }
    }

    /// <summary>The session context the backend sees while the session is being built, then the session itself.</summary>
    private sealed class StartupContext(int processId, string userName, string databaseName, SessionSettings settings,
        SessionRegistry registry) : ISessionContext
    {
        public PgSession? Session { get; set; }
        public int ProcessId { get; } = processId;
        public string UserName { get; } = userName;
        public string DatabaseName { get; } = databaseName;
        public Types.PgFormatSettings FormatSettings => settings.Format;
        public DateTimeOffset TransactionStart => Session?.TransactionStart ?? DateTimeOffset.UtcNow;
        public string GetSetting(string name) => settings.Get(name);
        public string SetSetting(string name, string value, bool isLocal) =>
            Session is not null ? Session.SetSetting(name, value, isLocal) : settings.Set(name, value, isLocal, inTransaction: false);
        public bool SignalBackend(int processId, bool terminate) => registry.SignalBackend(processId, terminate);
    }
}

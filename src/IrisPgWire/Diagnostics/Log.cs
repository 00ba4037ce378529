using Microsoft.Extensions.Logging;

namespace IrisPgWire.Diagnostics;

/// <summary>
/// The server's log messages, source-generated. Event ids: 1xx server, 2xx protocol/session, 3xx COPY, 4xx backends.
/// The connection's process ID is a structured property; row values and passwords are never logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "IrisPgWire listening on {EndPoint} with the {Backend} backend; ready to accept connections")]
    public static partial void Listening(ILogger logger, System.Net.EndPoint endPoint, string backend);

    [LoggerMessage(101, LogLevel.Information, "IrisPgWire shutting down: {Sessions} sessions open")]
    public static partial void ShuttingDown(ILogger logger, int sessions);

    [LoggerMessage(102, LogLevel.Warning, "Refused a connection from {Remote}: too many clients ({Max})")]
    public static partial void TooManyClients(ILogger logger, System.Net.EndPoint? remote, int max);

    [LoggerMessage(103, LogLevel.Error, "Accept loop failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(200, LogLevel.Debug, "Session {Pid} started for user {User} on database {Database} from {Remote}")]
    public static partial void SessionStarted(ILogger logger, int pid, string user, string database, System.Net.EndPoint? remote);

    [LoggerMessage(201, LogLevel.Debug, "Session {Pid} ended")]
    public static partial void SessionEnded(ILogger logger, int pid);

    [LoggerMessage(202, LogLevel.Warning, "Session {Pid}: protocol violation: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, int pid, string reason);

    [LoggerMessage(203, LogLevel.Error, "Session {Pid}: internal error")]
    public static partial void InternalError(ILogger logger, int pid, Exception exception);

    [LoggerMessage(204, LogLevel.Warning, "Session {Pid}: rollback after an error failed: {Reason}")]
    public static partial void RollbackFailed(ILogger logger, int pid, string reason);

    [LoggerMessage(205, LogLevel.Debug, "Session {Pid}: connection lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, int pid, string reason);

    [LoggerMessage(206, LogLevel.Debug, "Cancel request for session {Pid} {Outcome}")]
    public static partial void CancelRequest(ILogger logger, int pid, string outcome);

    [LoggerMessage(300, LogLevel.Information,
        "Session {Pid}: {Command} {Table} running for {Seconds:F0} s: {Rows} rows, {Bytes} bytes, {RowsPerSecond:F0} rows/s")]
    public static partial void CopyProgress(ILogger logger, int pid, string command, string table, double seconds, long rows, long bytes,
        double rowsPerSecond);

    [LoggerMessage(301, LogLevel.Debug, "Session {Pid}: {Command} {Table} committed {Rows} rows (ROWS_PER_TRANSACTION)")]
    public static partial void CopyCommitted(ILogger logger, int pid, string command, string table, long rows);
}

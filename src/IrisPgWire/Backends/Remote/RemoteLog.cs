using Microsoft.Extensions.Logging;

namespace IrisPgWire.Backends.Remote;

/// <summary>Log messages of the remote backends (event ids 450-459, in the backends' 4xx range).</summary>
internal static partial class RemoteLog
{
    [LoggerMessage(450, LogLevel.Warning, "The {Store} store refused a new connection: {Reason}")]
    public static partial void OpenFailed(ILogger logger, string store, string reason);

    [LoggerMessage(451, LogLevel.Warning, "A connection to the {Store} store was lost ({Reason}); idle connections are reopened")]
    public static partial void ConnectionLost(ILogger logger, string store, string reason);

    [LoggerMessage(452, LogLevel.Information, "Retrying a statement on a new connection: the pooled one to the {Store} store was stale")]
    public static partial void StaleConnectionRetried(ILogger logger, string store);
}

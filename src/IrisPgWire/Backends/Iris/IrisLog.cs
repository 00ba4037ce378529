using Microsoft.Extensions.Logging;

namespace IrisPgWire.Backends.Iris;

/// <summary>Log messages of the IRIS backend (event ids 460-469). Connection strings only ever redacted.</summary>
internal static partial class IrisLog
{
    [LoggerMessage(460, LogLevel.Information, "IRIS provider {Version} loaded from {Source} ({Path}); connections from {FactoryType}")]
    public static partial void ProviderLoaded(ILogger logger, string version, string source, string path, string factoryType);

    [LoggerMessage(461, LogLevel.Information, "IRIS backend: {Connection}, insert strategy {Strategy}, hints {Hints}")]
    public static partial void Configured(ILogger logger, string connection, string strategy, string hints);
}

using Microsoft.Extensions.Logging;

namespace IrisPgWire.Tests.Infrastructure;

/// <summary>
/// Sends server log lines to standard error, which `dotnet test` shows for failing runs, so a failure
/// comes with the server's side of the story.
/// </summary>
internal sealed class TestLogSink : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            Console.Error.WriteLine($"[server {logLevel} {category}] {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}

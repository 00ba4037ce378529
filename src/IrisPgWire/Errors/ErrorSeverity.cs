namespace IrisPgWire.Errors;

/// <summary>
/// Severity of an ErrorResponse or NoticeResponse, as the 'S' and 'V' fields carry it
/// (PostgreSQL manual, "Error and Notice Message Fields").
/// </summary>
public enum ErrorSeverity
{
    Error,
    Fatal,
    Panic,
    Warning,
    Notice,
    Debug,
    Info,
    Log,
}

/// <summary>The wire spelling of each severity.</summary>
public static class ErrorSeverityNames
{
    public static string ToWire(this ErrorSeverity severity) => severity switch
    {
        ErrorSeverity.Error => "ERROR",
        ErrorSeverity.Fatal => "FATAL",
        ErrorSeverity.Panic => "PANIC",
        ErrorSeverity.Warning => "WARNING",
        ErrorSeverity.Notice => "NOTICE",
        ErrorSeverity.Debug => "DEBUG",
        ErrorSeverity.Info => "INFO",
        ErrorSeverity.Log => "LOG",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}

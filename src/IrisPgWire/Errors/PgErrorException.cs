using System.Diagnostics.CodeAnalysis;

namespace IrisPgWire.Errors;

/// <summary>
/// A PostgreSQL error: every field an ErrorResponse can carry (PostgreSQL manual, "Error and Notice
/// Message Fields"). The session loop is the one place that turns it into an ErrorResponse.
/// </summary>
public sealed class PgErrorException : Exception
{
    public PgErrorException(string sqlState, string message, string? detail = null, string? hint = null,
        ErrorSeverity severity = ErrorSeverity.Error, Exception? innerException = null)
        : base(message, innerException)
    {
        SqlState = sqlState;
        Detail = detail;
        Hint = hint;
        Severity = severity;
    }

    public ErrorSeverity Severity { get; init; }

    /// <summary>Five-character SQLSTATE; one of the <see cref="Errors.SqlState"/> constants.</summary>
    public string SqlState { get; }

    public string? Detail { get; set; }
    public string? Hint { get; init; }

    /// <summary>1-based character position in the query string, or null.</summary>
    public int? Position { get; set; }

    /// <summary>CONTEXT lines, innermost first, for example <c>COPY t, line 3, column a: "x"</c>.</summary>
    public string? Context { get; set; }

    public string? SchemaName { get; init; }
    public string? TableName { get; init; }
    public string? ColumnName { get; init; }
    public string? DataTypeName { get; init; }
    public string? ConstraintName { get; init; }

    /// <summary>A protocol violation: the caller sends it as FATAL and closes the connection.</summary>
    public static PgErrorException Protocol(string message) =>
        new(Errors.SqlState.ProtocolViolation, message, severity: ErrorSeverity.Fatal);

    [DoesNotReturn]
    public static void Throw(string sqlState, string message, string? detail = null, string? hint = null) =>
        throw new PgErrorException(sqlState, message, detail, hint);

    [DoesNotReturn]
    public static T Throw<T>(string sqlState, string message, string? detail = null, string? hint = null) =>
        throw new PgErrorException(sqlState, message, detail, hint);
}

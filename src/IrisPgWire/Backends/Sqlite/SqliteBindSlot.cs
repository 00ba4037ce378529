using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// One SQLite parameter of a translated statement: a client's $n, or a literal from the statement text
/// (literals are never spliced into SQL). <see cref="InferredType"/> is the type the value is converted
/// to before binding when it arrived untyped (a string literal or a $n of type unknown).
/// </summary>
internal sealed class SqliteBindSlot(int parameterNumber, string? literal)
{
    /// <summary>1-based $n, or 0 for a literal.</summary>
    public int ParameterNumber { get; } = parameterNumber;

    public string? Literal { get; } = literal;

    /// <summary>The type the client gave for $n, or null when unknown (or for a literal).</summary>
    public PgType? GivenType { get; set; }

    public PgTypeRef? InferredType { get; set; }

    public string Name(int index) => "@s" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

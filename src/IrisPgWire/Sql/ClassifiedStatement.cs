namespace IrisPgWire.Sql;

/// <summary>
/// One statement and what the session needs to act on it without parsing it again.
/// </summary>
/// <param name="Kind">What kind of statement this is.</param>
/// <param name="Sql">The statement's text, without the terminating semicolon.</param>
public sealed record ClassifiedStatement(StatementKind Kind, string Sql)
{
    /// <summary>
    /// Savepoint name (identifier folded to lower case unless quoted), setting name for SET/SHOW/RESET
    /// (lower case; <c>all</c> for SHOW ALL / RESET ALL; <c>timezone</c> for TIME ZONE; <c>client_encoding</c>
    /// for SET NAMES), DISCARD/DEALLOCATE target (null for DEALLOCATE ALL).
    /// </summary>
    public string? Name { get; init; }

    /// <summary>
    /// SET's value as SHOW would print it: list items joined with ", ", quotes removed from string literals,
    /// identifiers as written (unquoted ones folded to lower case); null for <c>SET x TO DEFAULT</c>
    /// and <c>SET TIME ZONE LOCAL/DEFAULT</c>.
    /// </summary>
    public string? Value { get; init; }

    /// <summary>SET LOCAL.</summary>
    public bool IsLocal { get; init; }

    /// <summary>A query that only reads: it starts with SELECT, VALUES or TABLE (a WITH may hold data-changing parts).</summary>
    public bool ReadsOnly { get; init; }
}

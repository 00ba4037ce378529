namespace IrisPgWire.Sql;

/// <summary>Where COPY reads from or writes to.</summary>
public enum CopyEndpoint
{
    Stdin,
    Stdout,
    File,
    Program,
}

/// <summary>
/// A parsed COPY statement (PostgreSQL manual, "COPY"): either a table with an optional column list,
/// or a query (COPY TO only), the direction, the endpoint, the options as written, and the WHERE clause.
/// </summary>
public sealed record CopyStatement
{
    /// <summary>Schema as written (folded unless quoted), or null when unqualified.</summary>
    public string? Schema { get; init; }

    /// <summary>Table name (folded unless quoted), or null for <c>COPY (query) TO</c>.</summary>
    public string? Table { get; init; }

    /// <summary>The column list (folded unless quoted), or null when none was given.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The query text of <c>COPY (query) TO</c>, without the parentheses.</summary>
    public string? Query { get; init; }

    /// <summary>True for COPY FROM, false for COPY TO.</summary>
    public bool IsFrom { get; init; }

    public CopyEndpoint Endpoint { get; init; }

    /// <summary>The file name or program for <see cref="CopyEndpoint.File"/> and <see cref="CopyEndpoint.Program"/>.</summary>
    public string? Target { get; init; }

    /// <summary>Options in the order written, from the modern list and the legacy forms alike.</summary>
    public IReadOnlyList<CopyOptionSyntax> Options { get; init; } = [];

    /// <summary>The WHERE condition's text (COPY FROM only), or null.</summary>
    public string? WhereClause { get; init; }
}

/// <summary>
/// One COPY option as written, before validation. Legacy forms map to the modern names:
/// <c>BINARY</c> → (format, binary), <c>CSV</c> → (format, csv), <c>HEADER</c> → (header, null),
/// <c>DELIMITER AS ','</c> → (delimiter, ","), <c>FORCE NOT NULL a, b</c> → (force_not_null, [a, b]),
/// <c>FORCE QUOTE *</c> → (force_quote, star), <c>OIDS</c> → (oids, null).
/// </summary>
/// <param name="Name">Option name, lower case, words joined by '_' (<c>force_not_null</c>).</param>
/// <param name="Value">The value, or null when none was given.</param>
/// <param name="Position">1-based character position of the option in the statement, for error positions.</param>
public sealed record CopyOptionSyntax(string Name, CopyOptionValue? Value, int Position);

/// <summary>An option's value as written: a string or identifier or keyword, a number, a column list, or <c>*</c>.</summary>
/// <param name="Text">A string literal's content, an identifier/keyword as written (folded unless quoted), or a number's text; null for lists and *.</param>
/// <param name="List">A parenthesised column list (or a legacy FORCE list), folded unless quoted.</param>
/// <param name="IsStar">True for <c>*</c>.</param>
/// <param name="IsNumber">True when <see cref="Text"/> came from a numeric literal.</param>
/// <param name="IsString">True when <see cref="Text"/> came from a string literal.</param>
public sealed record CopyOptionValue(string? Text, IReadOnlyList<string>? List = null, bool IsStar = false,
    bool IsNumber = false, bool IsString = false);

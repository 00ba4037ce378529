namespace IrisPgWire.Sql;

/// <summary>One token of a SQL string.</summary>
/// <param name="Kind">The token kind.</param>
/// <param name="Start">0-based UTF-16 offset of the token's first character in the SQL string.</param>
/// <param name="Length">Length in UTF-16 characters of the token as written (quotes and prefixes included).</param>
/// <param name="Value">The token's value; see <see cref="SqlTokenKind"/> for what each kind holds.</param>
public readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, string Value)
{
    /// <summary>0-based offset just past the token.</summary>
    public int End => Start + Length;

    /// <summary>True for an unquoted identifier equal to <paramref name="lowerKeyword"/> (given in lower case).</summary>
    public bool IsKeyword(string lowerKeyword) =>
        Kind == SqlTokenKind.Identifier && string.Equals(Value, lowerKeyword, StringComparison.Ordinal);

    /// <summary>True for the punctuation character <paramref name="c"/>.</summary>
    public bool IsPunctuation(char c) =>
        Kind == SqlTokenKind.Punctuation && Value.Length == 1 && Value[0] == c;

    /// <summary>True for the operator <paramref name="op"/>.</summary>
    public bool IsOperator(string op) =>
        Kind == SqlTokenKind.Operator && string.Equals(Value, op, StringComparison.Ordinal);

    /// <summary>True for an identifier, quoted or not.</summary>
    public bool IsAnyIdentifier => Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier;

    /// <summary>The token's text as written in <paramref name="sql"/>.</summary>
    public string Text(string sql) => sql.Substring(Start, Length);
}

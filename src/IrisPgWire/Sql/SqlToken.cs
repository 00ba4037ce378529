namespace IrisPgWire.Sql;

/// <summary>One token: its class, where it stands in the text (0-based), and its value.</summary>
public readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, string Value)
{
    public int End => Start + Length;

    /// <summary>True for an unquoted identifier equal to <paramref name="lowerKeyword"/>.</summary>
    public bool IsKeyword(string lowerKeyword) => Kind == SqlTokenKind.Identifier && Value == lowerKeyword;

    public bool IsPunctuation(char c) => Kind == SqlTokenKind.Punctuation && Value.Length == 1 && Value[0] == c;

    public bool IsOperator(string op) => Kind == SqlTokenKind.Operator && Value == op;

    /// <summary>An identifier's name whether quoted or not.</summary>
    public bool IsName => Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier;
}

namespace IrisPgWire.Sql;

/// <summary>Token kinds of PostgreSQL's lexical structure (PostgreSQL manual, "Lexical Structure").</summary>
public enum SqlTokenKind
{
    /// <summary>An unquoted identifier or key word; <see cref="SqlToken.Value"/> is folded to lower case.</summary>
    Identifier,

    /// <summary>A double-quoted identifier (also <c>U&amp;"..."</c>); <see cref="SqlToken.Value"/> is the name with doubled quotes undone.</summary>
    QuotedIdentifier,

    /// <summary>A string constant: <c>'...'</c>, <c>E'...'</c>, <c>U&amp;'...'</c>, <c>N'...'</c>; <see cref="SqlToken.Value"/> is the content.</summary>
    String,

    /// <summary>A bit-string constant <c>B'...'</c> or <c>X'...'</c>; <see cref="SqlToken.Value"/> is the text as written.</summary>
    BitString,

    /// <summary>A dollar-quoted string; <see cref="SqlToken.Value"/> is the content between the delimiters.</summary>
    DollarString,

    /// <summary>A numeric constant; <see cref="SqlToken.Value"/> is the text as written.</summary>
    Number,

    /// <summary>A positional parameter <c>$n</c>; <see cref="SqlToken.Value"/> is the digits.</summary>
    Parameter,

    /// <summary>An operator, including <c>::</c>, <c>:=</c>, <c>=&gt;</c> and <c>..</c>.</summary>
    Operator,

    /// <summary>One of <c>( ) [ ] , ; . :</c>.</summary>
    Punctuation,

    /// <summary>Any other single character (for example a lone <c>$</c> or <c>\</c>); the parser rejects it.</summary>
    Other,
}

namespace IrisPgWire.Sql;

/// <summary>Lexical classes of PostgreSQL SQL (PostgreSQL manual, "Lexical Structure").</summary>
public enum SqlTokenKind
{
    /// <summary>Unquoted identifier or key word; Value is folded to lower case.</summary>
    Identifier,

    /// <summary>"Quoted" identifier; Value has the quotes removed and doubled quotes undone.</summary>
    QuotedIdentifier,

    /// <summary>'...' or E'...' string constant; Value is the decoded content.</summary>
    String,

    /// <summary>$tag$...$tag$ string; Value is the content.</summary>
    DollarString,

    /// <summary>Numeric constant as written.</summary>
    Number,

    /// <summary>$n positional parameter; Value is the number.</summary>
    Parameter,

    /// <summary>An operator such as +, ::, &lt;=, ||, -&gt;&gt;.</summary>
    Operator,

    /// <summary>One of ( ) [ ] , ; . :</summary>
    Punctuation,
}

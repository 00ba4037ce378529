namespace IrisPgWire.Sql;

/// <summary>
/// PostgreSQL 15's key word categories that restrict where a word may stand (PostgreSQL manual,
/// Appendix C "SQL Key Words"; the lists are <c>pg_get_keywords()</c> with catcode R and T).
/// </summary>
public static class PgKeywords
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
        "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
        "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
        "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
        "using", "variadic", "when", "where", "window", "with",
    };

    private static readonly HashSet<string> TypeFuncName = new(StringComparer.Ordinal)
    {
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
        "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
        "right", "similar", "tablesample", "verbose",
    };

    /// <summary>True for a reserved key word (lower case), which cannot name anything unquoted.</summary>
    public static bool IsReserved(string lowerWord) => Reserved.Contains(lowerWord);

    /// <summary>True for a key word reserved except as a function or type name (lower case).</summary>
    public static bool IsTypeFuncName(string lowerWord) => TypeFuncName.Contains(lowerWord);

    /// <summary>The grammar's <c>ColId</c>: a quoted identifier, or an unquoted one that is neither reserved nor a type/function name key word.</summary>
    public static bool IsColId(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier
        || (token.Kind == SqlTokenKind.Identifier && !IsReserved(token.Value) && !IsTypeFuncName(token.Value));

    /// <summary>The grammar's <c>NonReservedWord</c>: a quoted identifier or any unquoted word but a reserved one.</summary>
    public static bool IsNonReservedWord(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier
        || (token.Kind == SqlTokenKind.Identifier && !IsReserved(token.Value));

    /// <summary>The grammar's <c>Sconst</c>: any string constant, dollar-quoted ones included.</summary>
    public static bool IsStringConstant(SqlToken token) =>
        token.Kind is SqlTokenKind.String or SqlTokenKind.DollarString;
}

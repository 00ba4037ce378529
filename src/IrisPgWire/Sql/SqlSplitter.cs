namespace IrisPgWire.Sql;

/// <summary>Splits a simple-query string into its statements, as PostgreSQL's parser would.</summary>
public static class SqlSplitter
{
    /// <summary>
    /// The statements in order, each without its terminating semicolon. Semicolons inside string
    /// literals, quoted identifiers, dollar-quoted strings and comments do not split. Statements that are
    /// only whitespace or comments are dropped, so an empty list means an empty query.
    /// </summary>
    public static IReadOnlyList<string> Split(string sql) => throw new NotImplementedException();
}

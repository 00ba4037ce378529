namespace IrisPgWire.Sql;

/// <summary>Splits a simple-query string into its statements, as PostgreSQL's parser would.</summary>
public static class SqlSplitter
{
    /// <summary>
    /// The statements in order, each without its terminating semicolon. Semicolons inside string
    /// literals, quoted identifiers, dollar-quoted strings and comments do not split. Statements that are
    /// only whitespace or comments are dropped, so an empty list means an empty query.
    /// </summary>
    public static IReadOnlyList<string> Split(string sql)
    {
        var tokens = PgLexer.Tokenize(sql);
        var statements = new List<string>();
        var first = -1;
        var last = -1;
        foreach (var token in tokens)
        {
            if (token.IsPunctuation(';'))
            {
                if (first >= 0)
                    statements.Add(sql[first..last]);
                first = -1;
                continue;
            }
            if (first < 0)
                first = token.Start;
            last = token.End;
        }
        if (first >= 0)
            statements.Add(sql[first..last]);
        return statements;
    }
}

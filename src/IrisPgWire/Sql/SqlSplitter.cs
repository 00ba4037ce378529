namespace IrisPgWire.Sql;

/// <summary>Splits a simple-query string into its statements, as PostgreSQL's parser would.</summary>
public static class SqlSplitter
{
    /// <summary>
    /// The statements in order, each without its terminating semicolon. Semicolons inside string
    /// literals, quoted identifiers, dollar-quoted strings and comments do not split. Statements that are
    /// only whitespace or comments are dropped, so an empty list means an empty query.
    /// </summary>
    /// <remarks>
    /// Each statement runs from its first token to its last, so comments before it or after it are not
    /// part of it. Lexical errors (an unterminated string, say) throw 42601 positioned in the whole string.
    /// </remarks>
    public static IReadOnlyList<string> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = new List<string>();
        int? first = null;
        var last = 0;
        foreach (var token in PgLexer.Tokenize(sql))
        {
            if (token.IsPunctuation(';'))
            {
                if (first is { } start)
                {
                    statements.Add(sql[start..last]);
                }

                first = null;
                continue;
            }

            first ??= token.Start;
            last = token.End;
        }

        if (first is { } tail)
        {
            statements.Add(sql[tail..last]);
        }

        return statements;
    }
}

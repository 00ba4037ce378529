using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>Reads a type name from tokens (after <c>::</c>, in CAST ... AS, in a column definition).</summary>
internal static class TypeNameReader
{
    private static readonly HashSet<string> ContinuationWords = ["precision", "varying"];

    /// <summary>Reads the type starting at <paramref name="i"/>; returns the index after it.</summary>
    public static int Read(string sql, IReadOnlyList<SqlToken> tokens, int i, out PgTypeRef type, out string written)
    {
        var start = i;
        if (i >= tokens.Count || !tokens[i].IsName)
            throw PgLexer.Error("syntax error", sql, i < tokens.Count ? tokens[i].Start : sql.Length);
        if (tokens[i].Value == "pg_catalog" && i + 2 < tokens.Count && tokens[i + 1].IsPunctuation('.'))
            i += 2;
        var name = tokens[i].Kind == SqlTokenKind.QuotedIdentifier && tokens[i].Value == "char" ? "\"char\"" : tokens[i].Value;
        i++;
        while (i < tokens.Count && tokens[i].Kind == SqlTokenKind.Identifier && ContinuationWords.Contains(tokens[i].Value))
            name += " " + tokens[i++].Value;
        if (i < tokens.Count && tokens[i].IsPunctuation('('))
        {
            var close = FindClose(tokens, i);
            name += sql[tokens[i].Start..tokens[close].End];
            i = close + 1;
        }
        if (i + 2 < tokens.Count && (tokens[i].IsKeyword("with") || tokens[i].IsKeyword("without")) &&
            tokens[i + 1].IsKeyword("time") && tokens[i + 2].IsKeyword("zone"))
        {
            name += " " + tokens[i].Value + " time zone";
            i += 3;
        }
        while (i + 1 < tokens.Count && tokens[i].IsPunctuation('['))
        {
            var close = i + 1;
            while (close < tokens.Count && !tokens[close].IsPunctuation(']'))
                close++;
            name += "[]";
            i = close + 1;
        }
        if (i < tokens.Count && tokens[i].IsKeyword("array"))
        {
            name += "[]";
            i++;
        }
        written = sql[tokens[start].Start..tokens[i - 1].End];
        type = PgTypeNames.Parse(name);
        return i;
    }

    /// <summary>Index of the token closing the bracket at <paramref name="open"/>.</summary>
    public static int FindClose(IReadOnlyList<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsPunctuation('(') || tokens[i].IsPunctuation('['))
                depth++;
            else if (tokens[i].IsPunctuation(')') || tokens[i].IsPunctuation(']'))
            {
                depth--;
                if (depth == 0)
                    return i;
            }
        }
        throw new Errors.PgErrorException(Errors.SqlState.SyntaxError, "syntax error at end of input");
    }
}

using IrisPgWire.Errors;

namespace IrisPgWire.Sql;

/// <summary>
/// Builds 42601 errors worded as PostgreSQL's scanner_yyerror does (src/backend/parser/scan.l):
/// "MESSAGE at or near "TOKEN"" or "MESSAGE at end of input", with a 1-based character position.
/// </summary>
public static class SqlSyntaxError
{
    /// <summary><c>syntax error at or near "token"</c> positioned at the token.</summary>
    public static PgErrorException AtToken(string sql, SqlToken token) =>
        At(sql, token.Start, token.Length, "syntax error");

    /// <summary><c>syntax error at end of input</c>, positioned just past the last character as PostgreSQL does.</summary>
    public static PgErrorException AtEnd(string sql) => AtEnd(sql, "syntax error");

    /// <summary><c>syntax error at or near "token"</c>, or at end of input when <paramref name="index"/> is past the last token.</summary>
    public static PgErrorException AtTokenOrEnd(string sql, IReadOnlyList<SqlToken> tokens, int index) =>
        index < tokens.Count ? AtToken(sql, tokens[index]) : AtEnd(sql);

    /// <summary><c>MESSAGE at or near "text"</c> where text is <paramref name="length"/> characters from <paramref name="offset"/>.</summary>
    public static PgErrorException At(string sql, int offset, int length, string message) =>
        new(SqlState.SyntaxError, $"{message} at or near \"{sql.Substring(offset, length)}\"")
        {
            Position = PgLexer.PositionOf(sql, offset),
        };

    /// <summary><c>MESSAGE at end of input</c>.</summary>
    public static PgErrorException AtEnd(string sql, string message) =>
        new(SqlState.SyntaxError, $"{message} at end of input") { Position = PgLexer.PositionOf(sql, sql.Length) };
}

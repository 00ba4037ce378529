using IrisPgWire.Errors;

namespace IrisPgWire.Sql;

/// <summary>
/// A forward reader over one statement's tokens for the small recursive-descent parsers here; every
/// failure is PostgreSQL's "syntax error at or near" or "at end of input" with a position.
/// </summary>
internal sealed class SqlTokenCursor(string sql, IReadOnlyList<SqlToken> tokens)
{
    public SqlTokenCursor(string sql)
        : this(sql, PgLexer.Tokenize(sql))
    {
    }

    public string Sql { get; } = sql;

    public IReadOnlyList<SqlToken> Tokens { get; } = tokens;

    public int Index { get; set; }

    public bool AtEnd => Index >= Tokens.Count;

    /// <summary>The current token; only valid when not <see cref="AtEnd"/>.</summary>
    public SqlToken Current => Tokens[Index];

    public bool PeekKeyword(string keyword, int ahead = 0) =>
        Index + ahead < Tokens.Count && Tokens[Index + ahead].IsKeyword(keyword);

    public bool PeekPunctuation(char c) => !AtEnd && Current.IsPunctuation(c);

    public bool TryKeyword(string keyword)
    {
        if (!PeekKeyword(keyword))
        {
            return false;
        }

        Index++;
        return true;
    }

    public bool TryPunctuation(char c)
    {
        if (!PeekPunctuation(c))
        {
            return false;
        }

        Index++;
        return true;
    }

    public bool TryOperator(string op)
    {
        if (AtEnd || !Current.IsOperator(op))
        {
            return false;
        }

        Index++;
        return true;
    }

    public void ExpectKeyword(string keyword)
    {
        if (!TryKeyword(keyword))
        {
            throw Error();
        }
    }

    public void ExpectPunctuation(char c)
    {
        if (!TryPunctuation(c))
        {
            throw Error();
        }
    }

    /// <summary>Takes the current token when <paramref name="accept"/> allows it, else fails at it.</summary>
    public SqlToken Expect(Func<SqlToken, bool> accept)
    {
        if (AtEnd || !accept(Current))
        {
            throw Error();
        }

        return Tokens[Index++];
    }

    /// <summary>Takes a ColId (identifier that is not a reserved word) and returns its name.</summary>
    public string ExpectColId() => Expect(PgKeywords.IsColId).Value;

    public void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw Error();
        }
    }

    /// <summary>A syntax error at the current token, or at end of input.</summary>
    public PgErrorException Error() => SqlSyntaxError.AtTokenOrEnd(Sql, Tokens, Index);
}

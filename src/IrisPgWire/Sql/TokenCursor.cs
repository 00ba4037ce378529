using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Sql;

/// <summary>A forward cursor over a statement's tokens, with PostgreSQL's syntax errors at the current token.</summary>
internal sealed class TokenCursor(string sql, IReadOnlyList<SqlToken> tokens)
{
    public int Index { get; set; }

    public bool AtEnd => Index >= tokens.Count;

    public SqlToken Current => tokens[Index];

    public IReadOnlyList<SqlToken> Tokens => tokens;

    public void Next() => Index++;

    public bool PeekKeyword(string keyword, int ahead = 0) =>
        Index + ahead < tokens.Count && tokens[Index + ahead].IsKeyword(keyword);

    public bool AcceptKeyword(params string[] keywords)
    {
        if (AtEnd)
            return false;
        foreach (var keyword in keywords)
        {
            if (Current.IsKeyword(keyword))
            {
                Index++;
                return true;
            }
        }
        return false;
    }

    public void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
            throw SyntaxError();
    }

    public bool AcceptPunctuation(char c)
    {
        if (AtEnd || !Current.IsPunctuation(c))
            return false;
        Index++;
        return true;
    }

    public bool AcceptOperator(string op)
    {
        if (AtEnd || !Current.IsOperator(op))
            return false;
        Index++;
        return true;
    }

    public string ExpectName()
    {
        if (AtEnd || !Current.IsName)
            throw SyntaxError();
        return tokens[Index++].Value;
    }

    public void ExpectEnd()
    {
        if (!AtEnd)
            throw SyntaxError();
    }

    /// <summary>A setting name, possibly dotted (<c>myapp.x</c>).</summary>
    public string ReadSettingName()
    {
        var name = new StringBuilder(ExpectName());
        while (AcceptPunctuation('.'))
            name.Append('.').Append(ExpectName());
        return name.ToString();
    }

    /// <summary>
    /// SET's value list as SHOW prints it: items joined by ", "; strings unquoted; identifiers as folded;
    /// numbers (with an optional sign) as written.
    /// </summary>
    public string ReadValueList()
    {
        var items = new List<string>();
        do
        {
            if (AtEnd)
                throw SyntaxError();
            var sign = "";
            if (Current.IsOperator("-") || Current.IsOperator("+"))
            {
                sign = Current.Value == "-" ? "-" : "";
                Index++;
                if (AtEnd || Current.Kind != SqlTokenKind.Number)
                    throw SyntaxError();
            }
            var token = Current;
            if (token.Kind is not (SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier or SqlTokenKind.String
                or SqlTokenKind.Number or SqlTokenKind.DollarString))
                throw SyntaxError();
            Index++;
            // INTERVAL '1 hour' style zone values are not supported; a keyword followed by a string is a syntax error here.
            items.Add(sign + token.Value);
        }
        while (AcceptPunctuation(','));
        return string.Join(", ", items);
    }

    public PgErrorException SyntaxError(int offset = 0)
    {
        var at = Index + offset;
        return at >= tokens.Count
            ? new PgErrorException(SqlState.SyntaxError, "syntax error at end of input") { Position = sql.Length + 1 }
            : new PgErrorException(SqlState.SyntaxError, $"syntax error at or near \"{sql.Substring(tokens[at].Start, tokens[at].Length)}\"")
            {
                Position = tokens[at].Start + 1,
            };
    }
}

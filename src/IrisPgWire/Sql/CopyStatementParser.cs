using IrisPgWire.Errors;

namespace IrisPgWire.Sql;

/// <summary>
/// Parses COPY as the PostgreSQL 15 manual's "COPY" page gives it, including the pre-9.0 option syntax
/// from its Compatibility section. Options are only collected here; <c>CopyOptions</c> checks them.
/// </summary>
public static class CopyStatementParser
{
    public static CopyStatement Parse(string sql)
    {
        var tokens = PgLexer.Tokenize(sql);
        var c = new TokenCursor(sql, tokens);
        c.ExpectKeyword("copy");
        var options = new List<CopyOptionSyntax>();
        if (c.PeekKeyword("binary"))
        {
            options.Add(new CopyOptionSyntax("format", new CopyOptionValue("binary"), c.Current.Start + 1));
            c.Next();
        }
        string? schema = null, table = null, query = null;
        IReadOnlyList<string>? columns = null;
        if (!c.AtEnd && c.Current.IsPunctuation('('))
        {
            var open = c.Index;
            var close = Close(c, open);
            query = sql[tokens[open + 1].Start..tokens[close - 1].End];
            c.Index = close + 1;
        }
        else
        {
            var first = c.ExpectName();
            if (c.AcceptPunctuation('.'))
            {
                schema = first;
                table = c.ExpectName();
            }
            else
            {
                table = first;
            }
            if (!c.AtEnd && c.Current.IsPunctuation('('))
                columns = NameList(c);
        }
        bool isFrom;
        if (c.AcceptKeyword("from"))
            isFrom = true;
        else if (c.AcceptKeyword("to"))
            isFrom = false;
        else
            throw c.SyntaxError();
        if (query is not null && isFrom)
        {
            // PostgreSQL's grammar has no COPY (query) FROM; the parser stops at FROM.
            throw c.SyntaxError(-1);
        }
        CopyEndpoint endpoint;
        string? target = null;
        if (c.AcceptKeyword("stdin"))
            endpoint = CopyEndpoint.Stdin;
        else if (c.AcceptKeyword("stdout"))
            endpoint = CopyEndpoint.Stdout;
        else if (c.AcceptKeyword("program"))
        {
            endpoint = CopyEndpoint.Program;
            target = ExpectString(c);
        }
        else if (!c.AtEnd && c.Current.Kind == SqlTokenKind.String)
        {
            endpoint = CopyEndpoint.File;
            target = ExpectString(c);
        }
        else
        {
            throw c.SyntaxError();
        }

        ParseOptions(c, options);
        string? where = null;
        if (c.AcceptKeyword("where"))
        {
            if (c.AtEnd)
                throw c.SyntaxError();
            where = sql[c.Current.Start..tokens[^1].End];
            c.Index = tokens.Count;
        }
        c.ExpectEnd();
        return new CopyStatement
        {
            Schema = schema,
            Table = table,
            Columns = columns,
            Query = query,
            IsFrom = isFrom,
            Endpoint = endpoint,
            Target = target,
            Options = options,
            WhereClause = where,
        };
    }

    private static void ParseOptions(TokenCursor c, List<CopyOptionSyntax> options)
    {
        if (c.AtEnd || c.PeekKeyword("where"))
            return;
        c.AcceptKeyword("with");
        if (!c.AtEnd && c.Current.IsPunctuation('('))
        {
            ModernOptions(c, options);
            return;
        }
        LegacyOptions(c, options);
    }

    /// <summary><c>( name [value] [, ...] )</c>: value is a string, number, keyword/identifier, *, or ( list ).</summary>
    private static void ModernOptions(TokenCursor c, List<CopyOptionSyntax> options)
    {
        c.Next();
        while (true)
        {
            if (c.AtEnd)
                throw c.SyntaxError();
            var position = c.Current.Start + 1;
            var name = c.ExpectName();
            CopyOptionValue? value = null;
            if (!c.AtEnd && !c.Current.IsPunctuation(',') && !c.Current.IsPunctuation(')'))
            {
                var t = c.Current;
                if (t.IsPunctuation('('))
                {
                    value = new CopyOptionValue(null, NameList(c));
                }
                else if (t.IsOperator("*"))
                {
                    value = new CopyOptionValue(null, IsStar: true);
                    c.Next();
                }
                else if (t.Kind == SqlTokenKind.String)
                {
                    value = new CopyOptionValue(t.Value, IsString: true);
                    c.Next();
                }
                else if (t.Kind == SqlTokenKind.Number)
                {
                    value = new CopyOptionValue(t.Value, IsNumber: true);
                    c.Next();
                }
                else if (t.IsOperator("-") || t.IsOperator("+"))
                {
                    c.Next();
                    if (c.AtEnd || c.Current.Kind != SqlTokenKind.Number)
                        throw c.SyntaxError();
                    value = new CopyOptionValue((t.Value == "-" ? "-" : "") + c.Current.Value, IsNumber: true);
                    c.Next();
                }
                else if (t.IsName)
                {
                    value = new CopyOptionValue(t.Value);
                    c.Next();
                }
                else
                {
                    throw c.SyntaxError();
                }
            }
            options.Add(new CopyOptionSyntax(name, value, position));
            if (c.AcceptPunctuation(','))
                continue;
            if (c.AcceptPunctuation(')'))
                return;
            throw c.SyntaxError();
        }
    }

    /// <summary>The pre-9.0 forms: BINARY, DELIMITER [AS] 'x', NULL [AS] 'x', CSV, HEADER, QUOTE, ESCAPE, FORCE ..., OIDS.</summary>
    private static void LegacyOptions(TokenCursor c, List<CopyOptionSyntax> options)
    {
        while (!c.AtEnd && !c.PeekKeyword("where"))
        {
            var position = c.Current.Start + 1;
            if (c.AcceptKeyword("binary"))
                options.Add(new("format", new CopyOptionValue("binary"), position));
            else if (c.AcceptKeyword("csv"))
                options.Add(new("format", new CopyOptionValue("csv"), position));
            else if (c.AcceptKeyword("freeze"))
                options.Add(new("freeze", null, position));
            else if (c.AcceptKeyword("header"))
                options.Add(new("header", null, position));
            else if (c.AcceptKeyword("delimiter"))
                options.Add(new("delimiter", StringValue(c), position));
            else if (c.AcceptKeyword("null"))
                options.Add(new("null", StringValue(c), position));
            else if (c.AcceptKeyword("quote"))
                options.Add(new("quote", StringValue(c), position));
            else if (c.AcceptKeyword("escape"))
                options.Add(new("escape", StringValue(c), position));
            else if (c.AcceptKeyword("encoding"))
                options.Add(new("encoding", StringValue(c), position));
            else if (c.AcceptKeyword("force"))
            {
                if (c.AcceptKeyword("quote"))
                {
                    if (!c.AtEnd && c.Current.IsOperator("*"))
                    {
                        c.Next();
                        options.Add(new("force_quote", new CopyOptionValue(null, IsStar: true), position));
                    }
                    else
                    {
                        options.Add(new("force_quote", new CopyOptionValue(null, BareNameList(c)), position));
                    }
                }
                else if (c.AcceptKeyword("not"))
                {
                    c.ExpectKeyword("null");
                    options.Add(new("force_not_null", new CopyOptionValue(null, BareNameList(c)), position));
                }
                else if (c.AcceptKeyword("null"))
                {
                    options.Add(new("force_null", new CopyOptionValue(null, BareNameList(c)), position));
                }
                else
                {
                    throw c.SyntaxError();
                }
            }
            else
            {
                throw c.SyntaxError();
            }
        }
    }

    private static CopyOptionValue StringValue(TokenCursor c)
    {
        c.AcceptKeyword("as");
        return new CopyOptionValue(ExpectString(c), IsString: true);
    }

    private static string ExpectString(TokenCursor c)
    {
        if (c.AtEnd || c.Current.Kind != SqlTokenKind.String)
            throw c.SyntaxError();
        var value = c.Current.Value;
        c.Next();
        return value;
    }

    private static List<string> NameList(TokenCursor c)
    {
        c.Next();
        var names = new List<string>();
        while (true)
        {
            names.Add(c.ExpectName());
            if (c.AcceptPunctuation(','))
                continue;
            if (c.AcceptPunctuation(')'))
                return names;
            throw c.SyntaxError();
        }
    }

    private static List<string> BareNameList(TokenCursor c)
    {
        var names = new List<string> { c.ExpectName() };
        while (c.AcceptPunctuation(','))
            names.Add(c.ExpectName());
        return names;
    }

    private static int Close(TokenCursor c, int open)
    {
        var depth = 0;
        for (var i = open; i < c.Tokens.Count; i++)
        {
            if (c.Tokens[i].IsPunctuation('('))
                depth++;
            else if (c.Tokens[i].IsPunctuation(')') && --depth == 0)
                return i;
        }
        throw new PgErrorException(SqlState.SyntaxError, "syntax error at end of input");
    }
}

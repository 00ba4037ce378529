using IrisPgWire.Errors;

namespace IrisPgWire.Sql;

/// <summary>
/// Parses COPY as PostgreSQL 15's grammar does (manual, "COPY", including the pre-9.0 and pre-7.3
/// syntaxes of its "Compatibility" section; gram.y CopyStmt):
/// <code>
/// COPY [BINARY] name [(col, ...)] {FROM | TO} [PROGRAM] {'file' | STDIN | STDOUT}
///      [[USING] DELIMITERS 'c'] [WITH] {legacy_option ... | (option [value] [, ...])} [WHERE condition]
/// COPY (query) TO [PROGRAM] {'file' | STDIN | STDOUT} [WITH] {legacy_option ... | (option [value] [, ...])}
/// </code>
/// Only the syntax is checked here: option names and values are validated by the COPY machinery.
/// </summary>
public static class CopyStatementParser
{
    /// <summary>Statements whose text may stand inside <c>COPY (...) TO</c> (gram.y PreparableStmt).</summary>
    private static readonly HashSet<string> QueryKeywords = new(StringComparer.Ordinal)
    {
        "select", "with", "values", "table", "insert", "update", "delete", "merge",
    };

    /// <summary>Parses one COPY statement; throws 42601 as PostgreSQL words it when the syntax is wrong.</summary>
    public static CopyStatement Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var cursor = new SqlTokenCursor(sql);
        cursor.ExpectKeyword("copy");
        return cursor.PeekPunctuation('(') ? ParseQueryForm(cursor) : ParseTableForm(cursor);
    }

    private static CopyStatement ParseTableForm(SqlTokenCursor cursor)
    {
        var options = new List<CopyOptionSyntax>();
        if (cursor.PeekKeyword("binary"))
        {
            options.Add(Option(cursor, "format", new CopyOptionValue("binary")));
            cursor.Index++;
        }

        var nameStart = cursor.AtEnd ? 0 : cursor.Current.Start;
        var names = ParseQualifiedName(cursor);
        if (names.Count > 3)
        {
            // gram.y's qualified_name action rejects this as soon as the name is read, at the name.
            throw new PgErrorException(SqlState.SyntaxError,
                $"improper qualified name (too many dotted names): {string.Join('.', names)}")
            {
                Position = PgLexer.PositionOf(cursor.Sql, nameStart),
            };
        }

        IReadOnlyList<string>? columns = null;
        if (cursor.TryPunctuation('('))
        {
            columns = ParseColumnList(cursor);
            cursor.ExpectPunctuation(')');
        }

        bool isFrom;
        if (cursor.TryKeyword("from"))
        {
            isFrom = true;
        }
        else
        {
            cursor.ExpectKeyword("to");
            isFrom = false;
        }

        var (endpoint, target, programWithStdio) = ParseEndpoint(cursor, isFrom);
        ParseOldDelimiters(cursor, options);
        ParseOptions(cursor, options);

        string? where = null;
        SqlToken? whereToken = null;
        if (cursor.PeekKeyword("where"))
        {
            whereToken = cursor.Current;
            cursor.Index++;
            if (cursor.AtEnd)
            {
                throw cursor.Error();
            }

            where = cursor.Sql[cursor.Current.Start..cursor.Tokens[^1].End];
            cursor.Index = cursor.Tokens.Count;
        }

        cursor.ExpectEnd();
        CheckAfterParse(programWithStdio);
        if (whereToken is { } w && !isFrom)
        {
            // gram.y rejects it once the statement has parsed, pointing at WHERE.
            throw new PgErrorException(SqlState.SyntaxError, "WHERE clause not allowed with COPY TO")
            {
                Position = PgLexer.PositionOf(cursor.Sql, w.Start),
            };
        }

        var (schema, table) = SplitQualifiedName(names);
        return new CopyStatement
        {
            Schema = schema,
            Table = table,
            Columns = columns,
            IsFrom = isFrom,
            Endpoint = endpoint,
            Target = target,
            Options = options,
            WhereClause = where,
        };
    }

    private static CopyStatement ParseQueryForm(SqlTokenCursor cursor)
    {
        var open = cursor.Index;
        var close = FindClosingParenthesis(cursor, open);
        if (close == open + 1)
        {
            cursor.Index = close;
            throw cursor.Error();
        }

        var first = cursor.Tokens[open + 1];
        if (!first.IsPunctuation('(') && !(first.Kind == SqlTokenKind.Identifier && QueryKeywords.Contains(first.Value)))
        {
            cursor.Index = open + 1;
            throw cursor.Error();
        }

        var query = cursor.Sql[first.Start..cursor.Tokens[close - 1].End];
        cursor.Index = close + 1;
        cursor.ExpectKeyword("to");
        var (endpoint, target, programWithStdio) = ParseEndpoint(cursor, isFrom: false);
        var options = new List<CopyOptionSyntax>();
        ParseOptions(cursor, options);
        cursor.ExpectEnd();
        CheckAfterParse(programWithStdio);
        return new CopyStatement
        {
            Query = query,
            IsFrom = false,
            Endpoint = endpoint,
            Target = target,
            Options = options,
        };
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>; end of input is a syntax error.</summary>
    private static int FindClosingParenthesis(SqlTokenCursor cursor, int open)
    {
        var depth = 0;
        for (var k = open; k < cursor.Tokens.Count; k++)
        {
            var token = cursor.Tokens[k];
            if (token.IsPunctuation('('))
            {
                depth++;
            }
            else if (token.IsPunctuation(')') && --depth == 0)
            {
                return k;
            }
            else if (token.IsPunctuation(';'))
            {
                cursor.Index = k;
                throw cursor.Error();
            }
        }

        cursor.Index = cursor.Tokens.Count;
        throw cursor.Error();
    }

    private static void CheckAfterParse(bool programWithStdio)
    {
        if (programWithStdio)
        {
            // gram.y checks this in CopyStmt's action, without a position.
            throw new PgErrorException(SqlState.SyntaxError, "STDIN/STDOUT not allowed with PROGRAM");
        }
    }

    /// <summary>
    /// qualified_name: ColId, then '.' and any label. STDIN and STDOUT mean the client whichever the
    /// direction (copy.c treats a missing file name as the client), so <c>FROM STDOUT</c> is STDIN.
    /// </summary>
    private static (CopyEndpoint Endpoint, string? Target, bool ProgramWithStdio) ParseEndpoint(SqlTokenCursor cursor, bool isFrom)
    {
        var program = cursor.TryKeyword("program");
        if (cursor.TryKeyword("stdin") || cursor.TryKeyword("stdout"))
        {
            return (isFrom ? CopyEndpoint.Stdin : CopyEndpoint.Stdout, null, program);
        }

        var file = cursor.Expect(PgKeywords.IsStringConstant).Value;
        return (program ? CopyEndpoint.Program : CopyEndpoint.File, file, false);
    }

    private static List<string> ParseQualifiedName(SqlTokenCursor cursor)
    {
        var names = new List<string> { cursor.ExpectColId() };
        while (cursor.TryPunctuation('.'))
        {
            names.Add(cursor.Expect(t => t.IsAnyIdentifier).Value);
        }

        return names;
    }

    /// <summary>
    /// A three-part name is catalog.schema.table, which PostgreSQL accepts only for the current database
    /// (namespace.c); with no database to compare against, every catalog is refused with its message.
    /// </summary>
    private static (string? Schema, string Table) SplitQualifiedName(List<string> names) => names.Count switch
    {
        1 => (null, names[0]),
        2 => (names[0], names[1]),
        _ => throw new PgErrorException(SqlState.FeatureNotSupported,
            $"cross-database references are not implemented: \"{string.Join('.', names)}\""),
    };

    /// <summary>columnList: ColId [, ColId ...].</summary>
    private static List<string> ParseColumnList(SqlTokenCursor cursor)
    {
        var columns = new List<string> { cursor.ExpectColId() };
        while (cursor.TryPunctuation(','))
        {
            columns.Add(cursor.ExpectColId());
        }

        return columns;
    }

    /// <summary>The pre-7.3 <c>[USING] DELIMITERS 'c'</c>, written before WITH.</summary>
    private static void ParseOldDelimiters(SqlTokenCursor cursor, List<CopyOptionSyntax> options)
    {
        var start = cursor.Index;
        var usingWord = cursor.TryKeyword("using");
        if (cursor.PeekKeyword("delimiters"))
        {
            var position = PgLexer.PositionOf(cursor.Sql, cursor.Tokens[start].Start);
            cursor.Index++;
            var value = cursor.Expect(PgKeywords.IsStringConstant).Value;
            options.Add(new CopyOptionSyntax("delimiter", new CopyOptionValue(value, IsString: true), position));
        }
        else if (usingWord)
        {
            throw cursor.Error();
        }
    }

    /// <summary>[WITH] then either the parenthesised generic list or any number of legacy options.</summary>
    private static void ParseOptions(SqlTokenCursor cursor, List<CopyOptionSyntax> options)
    {
        cursor.TryKeyword("with");
        if (cursor.TryPunctuation('('))
        {
            CopyOptionListParser.ParseGenericList(cursor, options);
            return;
        }

        while (CopyOptionListParser.TryParseLegacyOption(cursor, options))
        {
        }
    }

    private static CopyOptionSyntax Option(SqlTokenCursor cursor, string name, CopyOptionValue? value) =>
        new(name, value, PgLexer.PositionOf(cursor.Sql, cursor.Current.Start));
}

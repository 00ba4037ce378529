namespace IrisPgWire.Sql;

/// <summary>Decides a statement's <see cref="StatementKind"/> from its leading keywords.</summary>
public static class StatementClassifier
{
    /// <summary>Classifies one statement (as <see cref="SqlSplitter.Split"/> returns them). Throws 42601 for malformed transaction or SET syntax.</summary>
    public static ClassifiedStatement Classify(string statement)
    {
        var tokens = PgLexer.Tokenize(statement);
        if (tokens.Count == 0)
            return new ClassifiedStatement(StatementKind.Empty, statement);
        var cursor = new TokenCursor(statement, tokens);
        var first = tokens[0];
        if (first.Kind != SqlTokenKind.Identifier)
            return new ClassifiedStatement(StatementKind.Query, statement);
        return first.Value switch
        {
            "begin" => Begin(cursor, statement, skipWork: true),
            "start" => StartTransaction(cursor, statement),
            "commit" or "end" => TransactionEnd(cursor, statement, StatementKind.Commit),
            "abort" => TransactionEnd(cursor, statement, StatementKind.Rollback),
            "rollback" => Rollback(cursor, statement),
            "savepoint" => NameStatement(cursor, statement, StatementKind.Savepoint),
            "release" => Release(cursor, statement),
            "set" => Set(cursor, statement),
            "show" => Show(cursor, statement),
            "reset" => Reset(cursor, statement),
            "discard" => Discard(cursor, statement),
            "deallocate" => Deallocate(cursor, statement),
            "copy" => new ClassifiedStatement(StatementKind.Copy, statement),
            "select" or "values" or "table" => new ClassifiedStatement(StatementKind.Query, statement) { ReadsOnly = true },
            _ => new ClassifiedStatement(StatementKind.Query, statement),
        };
    }

    private static ClassifiedStatement Begin(TokenCursor c, string sql, bool skipWork)
    {
        c.Next();
        if (skipWork)
            c.AcceptKeyword("work", "transaction");
        TransactionModes(c);
        return new ClassifiedStatement(StatementKind.Begin, sql);
    }

    private static ClassifiedStatement StartTransaction(TokenCursor c, string sql)
    {
        c.Next();
        c.ExpectKeyword("transaction");
        TransactionModes(c);
        return new ClassifiedStatement(StatementKind.Begin, sql);
    }

    /// <summary>ISOLATION LEVEL ..., READ WRITE | READ ONLY, [NOT] DEFERRABLE, separated by optional commas.</summary>
    private static void TransactionModes(TokenCursor c)
    {
        while (!c.AtEnd)
        {
            if (c.AcceptKeyword("isolation"))
            {
                c.ExpectKeyword("level");
                if (c.AcceptKeyword("serializable"))
                {
                }
                else if (c.AcceptKeyword("repeatable"))
                {
                    c.ExpectKeyword("read");
                }
                else
                {
                    c.ExpectKeyword("read");
                    if (!c.AcceptKeyword("committed"))
                        c.ExpectKeyword("uncommitted");
                }
            }
            else if (c.AcceptKeyword("read"))
            {
                if (!c.AcceptKeyword("write"))
                    c.ExpectKeyword("only");
            }
            else if (c.AcceptKeyword("not"))
            {
                c.ExpectKeyword("deferrable");
            }
            else if (!c.AcceptKeyword("deferrable"))
            {
                throw c.SyntaxError();
            }
            c.AcceptPunctuation(',');
        }
    }

    private static ClassifiedStatement TransactionEnd(TokenCursor c, string sql, StatementKind kind)
    {
        c.Next();
        c.AcceptKeyword("work", "transaction");
        if (c.AcceptKeyword("and"))
        {
            c.AcceptKeyword("no");
            c.ExpectKeyword("chain");
        }
        c.ExpectEnd();
        return new ClassifiedStatement(kind, sql);
    }

    private static ClassifiedStatement Rollback(TokenCursor c, string sql)
    {
        c.Next();
        c.AcceptKeyword("work", "transaction");
        if (c.AcceptKeyword("to"))
        {
            c.AcceptKeyword("savepoint");
            var name = c.ExpectName();
            c.ExpectEnd();
            return new ClassifiedStatement(StatementKind.RollbackToSavepoint, sql) { Name = name };
        }
        if (c.AcceptKeyword("prepared"))
            return new ClassifiedStatement(StatementKind.Query, sql);
        if (c.AcceptKeyword("and"))
        {
            c.AcceptKeyword("no");
            c.ExpectKeyword("chain");
        }
        c.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Rollback, sql);
    }

    private static ClassifiedStatement NameStatement(TokenCursor c, string sql, StatementKind kind)
    {
        c.Next();
        var name = c.ExpectName();
        c.ExpectEnd();
        return new ClassifiedStatement(kind, sql) { Name = name };
    }

    private static ClassifiedStatement Release(TokenCursor c, string sql)
    {
        c.Next();
        c.AcceptKeyword("savepoint");
        var name = c.ExpectName();
        c.ExpectEnd();
        return new ClassifiedStatement(StatementKind.ReleaseSavepoint, sql) { Name = name };
    }

    private static ClassifiedStatement Set(TokenCursor c, string sql)
    {
        c.Next();
        var isLocal = false;
        if (c.AcceptKeyword("local"))
            isLocal = true;
        else
            c.AcceptKeyword("session");

        if (c.PeekKeyword("transaction") || (c.PeekKeyword("characteristics")))
            return new ClassifiedStatement(StatementKind.SetTransaction, sql);
        if (c.AcceptKeyword("time"))
        {
            c.ExpectKeyword("zone");
            string? zone = c.AcceptKeyword("local", "default") ? null : c.ReadValueList();
            c.ExpectEnd();
            return new ClassifiedStatement(StatementKind.Set, sql) { Name = "timezone", Value = zone, IsLocal = isLocal };
        }
        if (c.AcceptKeyword("names"))
        {
            var encoding = c.AcceptKeyword("default") ? null : c.ReadValueList();
            c.ExpectEnd();
            return new ClassifiedStatement(StatementKind.Set, sql) { Name = "client_encoding", Value = encoding, IsLocal = isLocal };
        }
        if (c.AcceptKeyword("schema"))
        {
            var schema = c.ReadValueList();
            c.ExpectEnd();
            return new ClassifiedStatement(StatementKind.Set, sql) { Name = "search_path", Value = schema, IsLocal = isLocal };
        }
        if (c.PeekKeyword("session") && c.PeekKeyword("authorization", 1))
        {
            c.Next();
            c.Next();
            var user = c.AcceptKeyword("default") ? null : c.ReadValueList();
            return new ClassifiedStatement(StatementKind.Set, sql) { Name = "session_authorization", Value = user, IsLocal = isLocal };
        }
        if (c.AcceptKeyword("role"))
        {
            var role = c.AcceptKeyword("none") ? null : c.ReadValueList();
            return new ClassifiedStatement(StatementKind.Set, sql) { Name = "role", Value = role, IsLocal = isLocal };
        }
        var name = c.ReadSettingName();
        if (!c.AcceptKeyword("to") && !c.AcceptOperator("="))
            throw c.SyntaxError();
        var value = c.AcceptKeyword("default") ? null : c.ReadValueList();
        c.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Set, sql) { Name = name, Value = value, IsLocal = isLocal };
    }

    private static ClassifiedStatement Show(TokenCursor c, string sql)
    {
        c.Next();
        var name = SettingTarget(c);
        c.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Show, sql) { Name = name };
    }

    private static ClassifiedStatement Reset(TokenCursor c, string sql)
    {
        c.Next();
        var name = SettingTarget(c);
        c.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Reset, sql) { Name = name };
    }

    /// <summary>The setting SHOW or RESET names, with the grammar's multi-word spellings mapped to the setting.</summary>
    private static string SettingTarget(TokenCursor c)
    {
        if (c.AcceptKeyword("time"))
        {
            c.ExpectKeyword("zone");
            return "timezone";
        }
        if (c.AcceptKeyword("transaction"))
        {
            c.ExpectKeyword("isolation");
            c.ExpectKeyword("level");
            return "transaction_isolation";
        }
        if (c.AcceptKeyword("session"))
        {
            c.ExpectKeyword("authorization");
            return "session_authorization";
        }
        return c.ReadSettingName();
    }

    private static ClassifiedStatement Discard(TokenCursor c, string sql)
    {
        c.Next();
        var target = c.ExpectName();
        if (target is not ("all" or "plans" or "sequences" or "temp" or "temporary"))
            throw c.SyntaxError(-1);
        c.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Discard, sql) { Name = target == "temporary" ? "temp" : target };
    }

    private static ClassifiedStatement Deallocate(TokenCursor c, string sql)
    {
        c.Next();
        c.AcceptKeyword("prepare");
        if (c.AcceptKeyword("all"))
        {
            c.ExpectEnd();
            return new ClassifiedStatement(StatementKind.Deallocate, sql);
        }
        var name = c.ExpectName();
        c.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Deallocate, sql) { Name = name };
    }
}

namespace IrisPgWire.Sql;

/// <summary>Decides a statement's <see cref="StatementKind"/> from its leading keywords.</summary>
/// <remarks>
/// The transaction, savepoint, SET/SHOW/RESET, DISCARD and DEALLOCATE statements are parsed fully
/// (grammar from the PostgreSQL 15 manual pages of each command and gram.y), because the session runs
/// them itself; anything malformed is 42601 as PostgreSQL words it. <c>COMMIT PREPARED</c> and
/// <c>ROLLBACK PREPARED</c> are two-phase commit, not session transaction control, so they are queries.
/// </remarks>
public static class StatementClassifier
{
    /// <summary>Classifies one statement (as <see cref="SqlSplitter.Split"/> returns them). Throws 42601 for malformed transaction or SET syntax.</summary>
    public static ClassifiedStatement Classify(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var cursor = new SqlTokenCursor(statement);
        if (cursor.AtEnd)
        {
            return new ClassifiedStatement(StatementKind.Empty, statement);
        }

        if (cursor.Current.Kind != SqlTokenKind.Identifier)
        {
            return new ClassifiedStatement(StatementKind.Query, statement);
        }

        var keyword = cursor.Current.Value;
        if (keyword is "commit" or "rollback" && cursor.PeekKeyword("prepared", 1))
        {
            return new ClassifiedStatement(StatementKind.Query, statement);
        }

        cursor.Index++;
        return keyword switch
        {
            "begin" => Begin(cursor, allowWork: true),
            "start" => StartTransaction(cursor),
            "commit" or "end" => Commit(cursor),
            "rollback" => Rollback(cursor, allowTo: true),
            "abort" => Rollback(cursor, allowTo: false),
            "savepoint" => Named(cursor, StatementKind.Savepoint),
            "release" => Release(cursor),
            "set" => SetStatementParser.ParseSet(cursor),
            "show" => SetStatementParser.ParseShow(cursor),
            "reset" => SetStatementParser.ParseReset(cursor),
            "discard" => Discard(cursor),
            "deallocate" => Deallocate(cursor),
            "copy" => new ClassifiedStatement(StatementKind.Copy, statement),
            _ => new ClassifiedStatement(StatementKind.Query, statement),
        };
    }

    /// <summary>BEGIN [WORK | TRANSACTION] [transaction_mode [, ...]] (manual, "BEGIN").</summary>
    private static ClassifiedStatement Begin(SqlTokenCursor cursor, bool allowWork)
    {
        if (allowWork && !cursor.TryKeyword("work"))
        {
            cursor.TryKeyword("transaction");
        }

        TransactionModes.Parse(cursor, required: false);
        cursor.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Begin, cursor.Sql);
    }

    /// <summary>START TRANSACTION [transaction_mode [, ...]] (manual, "START TRANSACTION").</summary>
    private static ClassifiedStatement StartTransaction(SqlTokenCursor cursor)
    {
        cursor.ExpectKeyword("transaction");
        return Begin(cursor, allowWork: false);
    }

    /// <summary>COMMIT | END [WORK | TRANSACTION] [AND [NO] CHAIN] (manual, "COMMIT", "END").</summary>
    private static ClassifiedStatement Commit(SqlTokenCursor cursor)
    {
        SkipWorkOrTransaction(cursor);
        SkipChain(cursor);
        cursor.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Commit, cursor.Sql);
    }

    /// <summary>
    /// ROLLBACK | ABORT [WORK | TRANSACTION] [AND [NO] CHAIN], and
    /// ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name (manual, "ROLLBACK", "ROLLBACK TO SAVEPOINT").
    /// </summary>
    private static ClassifiedStatement Rollback(SqlTokenCursor cursor, bool allowTo)
    {
        SkipWorkOrTransaction(cursor);
        if (allowTo && cursor.TryKeyword("to"))
        {
            return SavepointName(cursor, StatementKind.RollbackToSavepoint);
        }

        SkipChain(cursor);
        cursor.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Rollback, cursor.Sql);
    }

    /// <summary>RELEASE [SAVEPOINT] name (manual, "RELEASE SAVEPOINT").</summary>
    private static ClassifiedStatement Release(SqlTokenCursor cursor) => SavepointName(cursor, StatementKind.ReleaseSavepoint);

    /// <summary>
    /// An optional SAVEPOINT then the name. SAVEPOINT is an unreserved word, so when nothing follows it,
    /// it is the name itself (<c>RELEASE SAVEPOINT</c> releases a savepoint called "savepoint").
    /// </summary>
    private static ClassifiedStatement SavepointName(SqlTokenCursor cursor, StatementKind kind)
    {
        if (cursor.PeekKeyword("savepoint") && cursor.Index + 1 < cursor.Tokens.Count)
        {
            cursor.Index++;
        }

        return Named(cursor, kind);
    }

    private static ClassifiedStatement Named(SqlTokenCursor cursor, StatementKind kind)
    {
        var name = cursor.ExpectColId();
        cursor.ExpectEnd();
        return new ClassifiedStatement(kind, cursor.Sql) { Name = name };
    }

    private static void SkipWorkOrTransaction(SqlTokenCursor cursor)
    {
        if (!cursor.TryKeyword("work"))
        {
            cursor.TryKeyword("transaction");
        }
    }

    private static void SkipChain(SqlTokenCursor cursor)
    {
        if (cursor.TryKeyword("and"))
        {
            cursor.TryKeyword("no");
            cursor.ExpectKeyword("chain");
        }
    }

    /// <summary>DISCARD { ALL | PLANS | SEQUENCES | TEMPORARY | TEMP } (manual, "DISCARD"); TEMPORARY is named temp.</summary>
    private static ClassifiedStatement Discard(SqlTokenCursor cursor)
    {
        var target = cursor.Expect(t => t.Kind == SqlTokenKind.Identifier
            && t.Value is "all" or "plans" or "sequences" or "temporary" or "temp").Value;
        cursor.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Discard, cursor.Sql) { Name = target == "temporary" ? "temp" : target };
    }

    /// <summary>DEALLOCATE [PREPARE] { name | ALL } (manual, "DEALLOCATE"); Name is null for ALL.</summary>
    private static ClassifiedStatement Deallocate(SqlTokenCursor cursor)
    {
        if (cursor.PeekKeyword("prepare") && cursor.Index + 1 < cursor.Tokens.Count)
        {
            cursor.Index++;
        }

        string? name = null;
        if (!cursor.TryKeyword("all"))
        {
            name = cursor.ExpectColId();
        }

        cursor.ExpectEnd();
        return new ClassifiedStatement(StatementKind.Deallocate, cursor.Sql) { Name = name };
    }
}

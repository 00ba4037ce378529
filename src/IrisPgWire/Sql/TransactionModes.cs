namespace IrisPgWire.Sql;

/// <summary>
/// transaction_mode lists of BEGIN, START TRANSACTION and SET TRANSACTION (manual, "SET TRANSACTION"):
/// ISOLATION LEVEL {SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED}, READ WRITE,
/// READ ONLY, [NOT] DEFERRABLE; separated by commas or just spaces, as gram.y's transaction_mode_list allows.
/// </summary>
internal static class TransactionModes
{
    public static void Parse(SqlTokenCursor cursor, bool required)
    {
        if (!required && cursor.AtEnd)
        {
            return;
        }

        ParseMode(cursor);
        while (!cursor.AtEnd)
        {
            cursor.TryPunctuation(',');
            ParseMode(cursor);
        }
    }

    private static void ParseMode(SqlTokenCursor cursor)
    {
        if (cursor.TryKeyword("isolation"))
        {
            cursor.ExpectKeyword("level");
            if (cursor.TryKeyword("serializable"))
            {
                return;
            }

            if (cursor.TryKeyword("repeatable"))
            {
                cursor.ExpectKeyword("read");
                return;
            }

            cursor.ExpectKeyword("read");
            if (!cursor.TryKeyword("committed"))
            {
                cursor.ExpectKeyword("uncommitted");
            }

            return;
        }

        if (cursor.TryKeyword("read"))
        {
            if (!cursor.TryKeyword("only"))
            {
                cursor.ExpectKeyword("write");
            }

            return;
        }

        cursor.TryKeyword("not");
        cursor.ExpectKeyword("deferrable");
    }
}

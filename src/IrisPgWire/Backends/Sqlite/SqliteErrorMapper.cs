using System.Text.RegularExpressions;
using IrisPgWire.Errors;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Turns SQLite's errors into PostgreSQL's (messages as src/backend/executor/execMain.c, nbtinsert.c and
/// parse_relation.c word them).
/// </summary>
internal static partial class SqliteErrorMapper
{
    // SQLite extended result codes (https://sqlite.org/rescode.html).
    private const int ConstraintCheck = 275;
    private const int ConstraintForeignKey = 787;
    private const int ConstraintNotNull = 1299;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;
    private const int Busy = 5;
    private const int Locked = 6;

    public static PgErrorException Map(SqliteException ex, SqliteBackendSession session)
    {
        if (session.TakePendingError() is { } pending)
            return pending;
        var message = ex.Message;
        var m = SqliteMessage().Match(message);
        var text = m.Success ? m.Groups[1].Value : message;
        switch (ex.SqliteExtendedErrorCode)
        {
            case ConstraintNotNull:
            {
                var (table, column) = Split(After(text, "NOT NULL constraint failed: "));
                return new PgErrorException(SqlState.NotNullViolation,
                    $"null value in column \"{column}\" of relation \"{table}\" violates not-null constraint", innerException: ex)
                { TableName = table, ColumnName = column, SchemaName = "public" };
            }
            case ConstraintUnique or ConstraintPrimaryKey:
            {
                var list = After(text, "UNIQUE constraint failed: ").Split(", ").Select(Split).ToList();
                var table = list.Count > 0 ? list[0].Table : string.Empty;
                var columns = string.Join(",", list.Select(c => c.Column));
                var name = session.FindUniqueConstraintName(table, columns) ?? table + "_pkey";
                return new PgErrorException(SqlState.UniqueViolation,
                    $"duplicate key value violates unique constraint \"{name}\"", innerException: ex)
                { TableName = table, ConstraintName = name, SchemaName = "public" };
            }
            case ConstraintCheck:
            {
                var name = After(text, "CHECK constraint failed: ");
                var table = session.FindConstraintTable(name) ?? string.Empty;
                return new PgErrorException(SqlState.CheckViolation,
                    $"new row for relation \"{table}\" violates check constraint \"{name}\"", innerException: ex)
                { ConstraintName = name, TableName = table, SchemaName = "public" };
            }
            case ConstraintForeignKey:
                return new PgErrorException(SqlState.ForeignKeyViolation,
                    "insert or update violates foreign key constraint", innerException: ex);
        }
        if (ex.SqliteErrorCode is Busy or Locked)
            return new PgErrorException(SqlState.LockNotAvailable, "could not obtain lock: the database is busy", innerException: ex);
        if (text.StartsWith("no such table: ", StringComparison.Ordinal))
            return new PgErrorException(SqlState.UndefinedTable, $"relation \"{After(text, "no such table: ")}\" does not exist", innerException: ex);
        if (text.StartsWith("no such column: ", StringComparison.Ordinal))
        {
            var col = After(text, "no such column: ");
            var hint = col.IndexOf(" - should this be", StringComparison.Ordinal);
            if (hint >= 0)
                col = col[..hint];
            col = col.Replace("\"", string.Empty, StringComparison.Ordinal);
            // parse_relation.c: an unqualified name is quoted, a qualified one is not.
            return new PgErrorException(SqlState.UndefinedColumn,
                col.Contains('.', StringComparison.Ordinal) ? $"column {col} does not exist" : $"column \"{col}\" does not exist", innerException: ex);
        }
        if (text.StartsWith("ambiguous column name: ", StringComparison.Ordinal))
            return new PgErrorException(SqlState.AmbiguousColumn, $"column reference \"{After(text, "ambiguous column name: ")}\" is ambiguous", innerException: ex);
        if (text.Contains("syntax error", StringComparison.Ordinal) || text.Contains("misuse of aggregate", StringComparison.Ordinal))
            return new PgErrorException(SqlState.SyntaxError, "the SQLite backend could not run this statement: " + text, innerException: ex);
        if (text.StartsWith("no such savepoint: ", StringComparison.Ordinal))
            return new PgErrorException(SqlState.InvalidSavepointSpecification, $"savepoint \"{After(text, "no such savepoint: ")}\" does not exist", innerException: ex);
        return new PgErrorException(SqlState.InternalError, "SQLite: " + text, innerException: ex);
    }

    private static string After(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;

    private static (string Table, string Column) Split(string qualified)
    {
        var dot = qualified.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (string.Empty, qualified) : (qualified[..dot], qualified[(dot + 1)..]);
    }

    [GeneratedRegex(@"^SQLite Error \d+: '(.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex SqliteMessage();
}

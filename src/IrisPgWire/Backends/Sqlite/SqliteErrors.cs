using System.Text.RegularExpressions;
using IrisPgWire.Errors;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>Turns SQLite's errors into PostgreSQL's SQLSTATEs and messages.</summary>
internal static partial class SqliteErrors
{
    [GeneratedRegex(@"^SQLite Error \d+: '(.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Wrapped();

    [GeneratedRegex(@"no such table: (?:main\.)?(.+)$")]
    private static partial Regex NoSuchTable();

    [GeneratedRegex(@"no such column: (.+)$")]
    private static partial Regex NoSuchColumn();

    [GeneratedRegex(@"table ""?([^""]+)""? already exists")]
    private static partial Regex TableExists();

    [GeneratedRegex(@"near ""([^""]*)"": syntax error")]
    private static partial Regex NearSyntax();

    [GeneratedRegex(@"UNIQUE constraint failed: ([^.]+)\.(\S+?)(?:,|$)")]
    private static partial Regex Unique();

    [GeneratedRegex(@"NOT NULL constraint failed: ([^.]+)\.(\S+)")]
    private static partial Regex NotNull();

    [GeneratedRegex(@"CHECK constraint failed: (\S+)")]
    private static partial Regex Check();

    [GeneratedRegex(@"no such function: (\S+)")]
    private static partial Regex NoSuchFunction();

    /// <summary>The columns of "UNIQUE constraint failed: t.a, t.b", or null for another message.</summary>
    public static IReadOnlyList<string>? UniqueColumns(SqliteException e)
    {
        const string marker = "UNIQUE constraint failed: ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var list = e.Message[(at + marker.Length)..].TrimEnd('.', '\'');
        return [.. list.Split(',', StringSplitOptions.TrimEntries).Select(c => c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..])];
    }

    public static PgErrorException Map(SqliteException e, Func<string, string>? uniqueConstraintName = null)
    {
        // Microsoft.Data.Sqlite words its messages "SQLite Error 1: 'no such table: t'.".
        var wrapped = Wrapped().Match(e.Message);
        var message = wrapped.Success ? wrapped.Groups[1].Value : e.Message;
        Match m;
        if ((m = NoSuchTable().Match(message)).Success)
            return new PgErrorException(SqlState.UndefinedTable, $"relation \"{m.Groups[1].Value}\" does not exist");
        if ((m = NoSuchColumn().Match(message)).Success)
            return new PgErrorException(SqlState.UndefinedColumn, $"column \"{m.Groups[1].Value}\" does not exist");
        if ((m = TableExists().Match(message)).Success)
            return new PgErrorException(SqlState.DuplicateTable, $"relation \"{m.Groups[1].Value}\" already exists");
        if ((m = NearSyntax().Match(message)).Success)
            return new PgErrorException(SqlState.SyntaxError, $"syntax error at or near \"{m.Groups[1].Value}\"");
        if ((m = NoSuchFunction().Match(message)).Success)
            return new PgErrorException(SqlState.UndefinedFunction, $"function {m.Groups[1].Value} does not exist");
        if ((m = Unique().Match(message)).Success)
        {
            var table = m.Groups[1].Value;
            var constraint = uniqueConstraintName?.Invoke(message) ?? $"{table}_pkey";
            return new PgErrorException(SqlState.UniqueViolation, $"duplicate key value violates unique constraint \"{constraint}\"")
            {
                TableName = table,
                ConstraintName = constraint,
                SchemaName = "public",
            };
        }
        if ((m = NotNull().Match(message)).Success)
        {
            return new PgErrorException(SqlState.NotNullViolation,
                $"null value in column \"{m.Groups[2].Value}\" of relation \"{m.Groups[1].Value}\" violates not-null constraint")
            {
                TableName = m.Groups[1].Value,
                ColumnName = m.Groups[2].Value,
                SchemaName = "public",
            };
        }
        if ((m = Check().Match(message)).Success)
        {
            var constraint = m.Groups[1].Value.Trim('"');
            var table = constraint.Contains('_', StringComparison.Ordinal) ? constraint[..constraint.IndexOf('_', StringComparison.Ordinal)] : constraint;
            return new PgErrorException(SqlState.CheckViolation, $"new row for relation \"{table}\" violates check constraint \"{constraint}\"")
            {
                ConstraintName = constraint,
            };
        }
        return e.SqliteErrorCode switch
        {
            19 when message.Contains("FOREIGN KEY", StringComparison.Ordinal) =>
                new PgErrorException(SqlState.ForeignKeyViolation, "insert or update violates a foreign key constraint"),
            5 or 6 => new PgErrorException(SqlState.LockNotAvailable, "could not obtain lock: the store is locked by another session"),
            13 => new PgErrorException(SqlState.DiskFull, "could not write to the store: disk full"),
            1 => new PgErrorException(SqlState.SyntaxError, message),
            _ => new PgErrorException(SqlState.InternalError, $"store error: {message}"),
        };
    }
}

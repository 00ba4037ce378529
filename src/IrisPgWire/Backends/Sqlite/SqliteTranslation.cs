namespace IrisPgWire.Backends.Sqlite;

/// <summary>What one PostgreSQL statement becomes: SQLite SQL with its bind slots, or a DDL action.</summary>
internal sealed class SqliteTranslation
{
    public string Sql { get; init; } = string.Empty;

    public List<SqliteBindSlot> Slots { get; init; } = [];

    /// <summary>Highest $n referred to.</summary>
    public int MaxParameter { get; init; }

    /// <summary>Result columns; null when the statement returns no rows.</summary>
    public IReadOnlyList<SqliteResultColumn>? Columns { get; init; }

    /// <summary>True when the statement returns rows whose columns only the SQLite statement can tell (SELECT * over a subquery).</summary>
    public bool ColumnsFromReader { get; init; }

    /// <summary>SELECT, INSERT, UPDATE or DELETE: the command tag is this and the row count.</summary>
    public string TagVerb { get; init; } = "SELECT";

    /// <summary>For DDL: runs the statement on the session's connection inside a statement savepoint; returns the tag.</summary>
    public Func<SqliteBackendSession, string>? Ddl { get; init; }

    /// <summary>Serial columns whose sequence must be seeded before the statement runs.</summary>
    public List<(SqliteTableDefinition Table, SqliteColumnDefinition Column)> Sequences { get; init; } = [];
}

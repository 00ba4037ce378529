namespace IrisPgWire.Backends.Sqlite;

/// <summary>Translated SQL for a token range and the comma-separated items found in it.</summary>
internal sealed record SqliteEmitted(string Sql, List<SqliteSelectItem> Items)
{
    public static SqliteEmitted Empty => new(string.Empty, []);
}

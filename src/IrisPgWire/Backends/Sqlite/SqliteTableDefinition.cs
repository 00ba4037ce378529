namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// A table as the server's catalogue keeps it: schema, name, a stable OID and its columns in attnum
/// order. The SQLite table has the same name; column values are stored as <see cref="SqliteValues"/> describes.
/// </summary>
internal sealed record SqliteTableDefinition(string Schema, string Name, uint Oid,
    IReadOnlyList<SqliteColumnDefinition> Columns)
{
    /// <summary>The column named <paramref name="name"/> (exact match), or null.</summary>
    public SqliteColumnDefinition? FindColumn(string name)
    {
        foreach (var c in Columns)
        {
            if (string.Equals(c.Name, name, StringComparison.Ordinal))
                return c;
        }
        return null;
    }
}

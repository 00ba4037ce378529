namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// The tables a statement names, for typing column references and expanding <c>*</c>: each by its alias
/// (or name). Top-level FROM items are kept in order; <see cref="Complete"/> is false when a FROM item is
/// a subquery or an unknown relation, so <c>*</c> cannot be expanded from the catalogue.
/// </summary>
internal sealed class SqliteScope
{
    private readonly Dictionary<string, SqliteTableDefinition> _byAlias = new(StringComparer.Ordinal);
    private readonly List<SqliteTableDefinition> _all = [];

    public List<SqliteTableDefinition> TopLevel { get; } = [];

    public bool Complete { get; set; } = true;

    public void Add(string alias, SqliteTableDefinition table, bool topLevel)
    {
        _byAlias.TryAdd(alias, table);
        _all.Add(table);
        if (topLevel)
            TopLevel.Add(table);
    }

    public bool IsAlias(string name) => _byAlias.ContainsKey(name);

    public SqliteTableDefinition? Table(string alias) => _byAlias.GetValueOrDefault(alias);

    public (SqliteTableDefinition Table, SqliteColumnDefinition Column)? Resolve(string? qualifier, string column)
    {
        if (qualifier is not null)
        {
            var t = Table(qualifier);
            var c = t?.FindColumn(column);
            return c is null ? null : (t!, c);
        }
        foreach (var t in _all)
        {
            var c = t.FindColumn(column);
            if (c is not null)
                return (t, c);
        }
        return null;
    }
}

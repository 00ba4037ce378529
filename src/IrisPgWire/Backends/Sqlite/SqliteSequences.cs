namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Sequences of serial and identity columns, shared by all sessions. Like PostgreSQL's sequences they are
/// not transactional: a rolled-back INSERT still consumes its values. Each is seeded on first use after
/// start-up from the column's current maximum.
/// </summary>
internal sealed class SqliteSequences
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(uint Table, short Column), long> _last = [];

    public bool IsSeeded(uint table, short column)
    {
        lock (_lock)
            return _last.ContainsKey((table, column));
    }

    public void Seed(uint table, short column, long currentMax)
    {
        lock (_lock)
            _last.TryAdd((table, column), currentMax);
    }

    public long Next(uint table, short column)
    {
        lock (_lock)
        {
            _last.TryGetValue((table, column), out var last);
            _last[(table, column)] = last + 1;
            return last + 1;
        }
    }

    /// <summary>TRUNCATE ... RESTART IDENTITY: the next value is 1 again.</summary>
    public void Reset(uint table)
    {
        lock (_lock)
        {
            foreach (var key in _last.Keys.Where(k => k.Table == table).ToList())
                _last[key] = 0;
        }
    }
}

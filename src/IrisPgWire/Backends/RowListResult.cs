namespace IrisPgWire.Backends;

/// <summary>
/// A result held in memory: for small answers computed by the server itself (catalogue queries,
/// SHOW), never for table data.
/// </summary>
public sealed class RowListResult : IQueryResult
{
    private readonly IReadOnlyList<object?[]> _rows;
    private readonly string? _tag;
    private int _index = -1;

    public RowListResult(IReadOnlyList<ResultColumn> columns, IReadOnlyList<object?[]> rows, string? commandTag = null)
    {
        Columns = columns;
        _rows = rows;
        _tag = commandTag;
    }

    public IReadOnlyList<ResultColumn>? Columns { get; }

    public string CommandTag => _tag ?? $"SELECT {Math.Max(0, Math.Min(_index, _rows.Count))}";

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_index < _rows.Count)
            _index++;
        return ValueTask.FromResult(_index < _rows.Count);
    }

    public object? GetValue(int ordinal) => _rows[_index][ordinal];

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

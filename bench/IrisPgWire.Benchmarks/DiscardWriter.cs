using IrisPgWire.Backends;

namespace IrisPgWire.Benchmarks;

/// <summary>A bulk writer that counts the rows it is given and keeps none.</summary>
public sealed class DiscardWriter(int columnCount) : IBulkRowWriter
{
    public long Rows { get; private set; }

    public int FailedRow => -1;

    public IReadOnlyList<object?> Defaults { get; } = new object?[columnCount];

    public ValueTask WriteAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken)
    {
        Rows += count;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

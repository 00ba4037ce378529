namespace IrisPgWire.Copy;

/// <summary>
/// Rows decoded for the store, with the line each came from; its row arrays are reused from batch to
/// batch, so filling one allocates only the values.
/// </summary>
internal sealed class CopyBatch
{
    private readonly int _width;

    public CopyBatch(int width) => _width = width;

    public List<object?[]> Rows { get; } = [];

    public List<long> Lines { get; } = [];

    public int Count { get; private set; }

    /// <summary>The next row to fill; <see cref="Commit"/> counts it in.</summary>
    public object?[] Next()
    {
        if (Count < Rows.Count)
            return Rows[Count];
        var row = new object?[_width];
        Rows.Add(row);
        return row;
    }

    public void Commit(long line)
    {
        Lines.Add(line);
        Count++;
    }

    public void Clear(int keepRows)
    {
        Count = 0;
        Lines.Clear();
        if (Rows.Count > keepRows)
            Rows.RemoveRange(keepRows, Rows.Count - keepRows);
    }
}

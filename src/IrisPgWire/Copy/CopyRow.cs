namespace IrisPgWire.Copy;

/// <summary>
/// One decoded row, reused for every row: each field's bytes after escape processing (valid until the
/// next row), whether it is NULL, and the line it came from. Nothing here is allocated per row.
/// </summary>
public sealed class CopyRow
{
    private byte[] _data = new byte[4096];
    private (int Start, int Length, bool IsNull, bool Quoted)[] _fields = new (int, int, bool, bool)[16];
    private int _fieldCount;

    /// <summary>Line number of the row, counting from 1 and including a header line.</summary>
    public long LineNumber { get; internal set; }

    public int FieldCount => _fieldCount;

    public ReadOnlySpan<byte> Field(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_fieldCount, nameof(index));
        var (start, length, _, _) = _fields[index];
        return _data.AsSpan(start, length);
    }

    public bool IsNull(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_fieldCount, nameof(index));
        return _fields[index].IsNull;
    }

    internal void Clear()
    {
        _fieldCount = 0;
    }

    /// <summary>Starts the row as a copy of <paramref name="record"/>, which the field parser cuts fields out of in place.</summary>
    internal Span<byte> Load(ReadOnlySpan<byte> record)
    {
        if (record.Length > _data.Length)
            _data = new byte[Math.Max(_data.Length * 2, record.Length)];
        record.CopyTo(_data);
        _fieldCount = 0;
        return _data.AsSpan(0, record.Length);
    }

    /// <summary>Forgets the fields cut so far and keeps the loaded copy, to cut it again another way.</summary>
    internal void DropFields() => _fieldCount = 0;

    internal void AddField(int start, int length, bool isNull, bool quoted)
    {
        if (_fieldCount == _fields.Length)
            Array.Resize(ref _fields, _fields.Length * 2);
        _fields[_fieldCount++] = (start, length, isNull, quoted);
    }

}

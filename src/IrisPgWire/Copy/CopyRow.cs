namespace IrisPgWire.Copy;

/// <summary>
/// One decoded row, reused for every row: each field's bytes after escape processing (valid until the
/// next row), whether it is NULL, and the line it came from. Nothing here is allocated per row.
/// </summary>
public sealed class CopyRow
{
    private byte[] _data = new byte[4096];
    private int _length;
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
        _length = 0;
        _fieldCount = 0;
    }

    internal int Mark => _length;

    internal void Append(byte b)
    {
        if (_length == _data.Length)
            Array.Resize(ref _data, _data.Length * 2);
        _data[_length++] = b;
    }

    internal void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _data.Length)
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _length + bytes.Length));
        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    internal void EndField(int start, bool isNull, bool quoted)
    {
        if (_fieldCount == _fields.Length)
            Array.Resize(ref _fields, _fields.Length * 2);
        _fields[_fieldCount++] = (start, _length - start, isNull, quoted);
    }

}

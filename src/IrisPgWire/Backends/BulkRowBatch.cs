using IrisPgWire.Types;

namespace IrisPgWire.Backends;

/// <summary>How one cell of a <see cref="BulkRowBatch"/> holds its value.</summary>
public enum BulkCellKind : byte
{
    /// <summary>SQL NULL.</summary>
    Null,

    /// <summary>A whole number of an integer column (int2, int4, int8, range-checked) or a boolean as 1 or 0.</summary>
    Integer,

    /// <summary>A finite float8 other than negative zero.</summary>
    Real,

    /// <summary>The canonical text of the value as UTF-8 bytes, kept in the batch.</summary>
    Utf8,

    /// <summary>The canonical value (see <see cref="IPgCodec"/>) as an object.</summary>
    Value,
}

/// <summary>
/// Rows of a COPY FROM on their way to a store, with the input line each came from, reused from batch
/// to batch. A store that implements <see cref="IBulkCellWriter"/> gets integers and text in the forms it
/// keeps them (no boxing, no .NET string for text, the bytes copied once into one buffer); every other
/// store gets canonical values only (<see cref="BulkCellKind.Value"/> and <see cref="BulkCellKind.Null"/>),
/// through <see cref="Rows"/>.
/// </summary>
public sealed class BulkRowBatch
{
    private readonly int _width;
    private BulkCellKind[] _kinds;
    private long[] _integers;
    private double[] _reals;
    private int[] _offsets;
    private int[] _lengths;
    private byte[] _text = NewText(64 * 1024);
    private int _textLength;
    private readonly List<object?[]> _rows = [];
    private readonly List<long> _lines = [];

    public BulkRowBatch(int width, int capacity)
    {
        _width = width;
        var cells = Math.Max(1, width * capacity);
        _kinds = new BulkCellKind[cells];
        _integers = new long[cells];
        _reals = new double[cells];
        _offsets = new int[cells];
        _lengths = new int[cells];
    }

    /// <summary>Rows committed so far.</summary>
    public int Count { get; private set; }

    /// <summary>Canonical values of each row by column; for <see cref="BulkCellKind.Integer"/> and <see cref="BulkCellKind.Utf8"/> cells the slot is unused.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>The input line (or binary tuple) of each committed row.</summary>
    public IReadOnlyList<long> Lines => _lines;

    public BulkCellKind Kind(int row, int column) => _kinds[(row * _width) + column];

    public long Integer(int row, int column) => _integers[(row * _width) + column];

    public double Real(int row, int column) => _reals[(row * _width) + column];

    /// <summary>
    /// The UTF-8 text of a <see cref="BulkCellKind.Utf8"/> cell; valid, and at a fixed address, until the
    /// batch is cleared or another row is filled.
    /// </summary>
    public ReadOnlySpan<byte> Utf8(int row, int column)
    {
        var cell = (row * _width) + column;
        return _text.AsSpan(_offsets[cell], _lengths[cell]);
    }

    /// <summary>The canonical value of a <see cref="BulkCellKind.Value"/> cell.</summary>
    public object? Value(int row, int column) => _rows[row][column];

    /// <summary>The canonical value of any cell, for messages: integers as <paramref name="type"/>'s .NET type, text as a string.</summary>
    public object? Canonical(int row, int column, PgType type) => Kind(row, column) switch
    {
        BulkCellKind.Null => null,
        BulkCellKind.Integer when type == PgTypeCatalog.Bool => Integer(row, column) != 0,
        BulkCellKind.Integer when type == PgTypeCatalog.Int2 => (short)Integer(row, column),
        BulkCellKind.Integer when type == PgTypeCatalog.Int4 => (int)Integer(row, column),
        BulkCellKind.Integer => Integer(row, column),
        BulkCellKind.Real => Real(row, column),
        BulkCellKind.Utf8 => System.Text.Encoding.UTF8.GetString(Utf8(row, column)),
        _ => Value(row, column),
    };

    /// <summary>The canonical values of the row being filled (the one <see cref="Commit"/> will count in).</summary>
    public object?[] Filling
    {
        get
        {
            while (_rows.Count <= Count)
                _rows.Add(new object?[_width]);
            return _rows[Count];
        }
    }

    public void SetNull(int column)
    {
        var cell = FillingCell(column);
        _kinds[cell] = BulkCellKind.Null;
        Filling[column] = null;
    }

    public void SetInteger(int column, long value)
    {
        var cell = FillingCell(column);
        _kinds[cell] = BulkCellKind.Integer;
        _integers[cell] = value;
    }

    public void SetReal(int column, double value)
    {
        var cell = FillingCell(column);
        _kinds[cell] = BulkCellKind.Real;
        _reals[cell] = value;
    }

    public void SetUtf8(int column, ReadOnlySpan<byte> text)
    {
        var cell = FillingCell(column);
        if (_textLength + text.Length > _text.Length)
        {
            var bigger = NewText(Math.Max(_text.Length * 2, _textLength + text.Length));
            _text.AsSpan(0, _textLength).CopyTo(bigger);
            _text = bigger;
        }
        text.CopyTo(_text.AsSpan(_textLength));
        _kinds[cell] = BulkCellKind.Utf8;
        _offsets[cell] = _textLength;
        _lengths[cell] = text.Length;
        _textLength += text.Length;
    }

    public void SetValue(int column, object? value)
    {
        var cell = FillingCell(column);
        _kinds[cell] = value is null ? BulkCellKind.Null : BulkCellKind.Value;
        Filling[column] = value;
    }

    /// <summary>Counts the row being filled in; a row never committed (an error, a skipped row) is overwritten by the next.</summary>
    public void Commit(long line)
    {
        _lines.Add(line);
        Count++;
    }

    /// <summary>
    /// Empties the batch for reuse; text kept by a row left uncommitted stays until the next clear. Keeps
    /// at most <paramref name="keepRows"/> row arrays, so one batch of huge rows does not hold memory.
    /// </summary>
    public void Clear(int keepRows)
    {
        Count = 0;
        _textLength = 0;
        _lines.Clear();
        if (_rows.Count > keepRows)
            _rows.RemoveRange(keepRows, _rows.Count - keepRows);
        if (_text.Length > 1024 * 1024)
            _text = NewText(64 * 1024);
    }

    /// <summary>
    /// Text is kept in a pinned array, so a store may hand the bytes of <see cref="Utf8"/> to native code
    /// without copying them and rely on them staying put until the batch is cleared.
    /// </summary>
    private static byte[] NewText(int size) => GC.AllocateUninitializedArray<byte>(size, pinned: true);

    private int FillingCell(int column)
    {
        var cell = (Count * _width) + column;
        if (cell >= _kinds.Length)
        {
            var size = Math.Max(_kinds.Length * 2, cell + _width);
            Array.Resize(ref _kinds, size);
            Array.Resize(ref _integers, size);
            Array.Resize(ref _reals, size);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _lengths, size);
        }
        return cell;
    }
}

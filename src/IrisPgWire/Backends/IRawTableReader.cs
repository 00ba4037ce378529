namespace IrisPgWire.Backends;

/// <summary>How a stored value is held, for <see cref="IRawTableReader"/>.</summary>
public enum RawValueKind
{
    Null,
    Integer,
    Real,
    Text,
    Blob,
}

/// <summary>
/// A store's fastest way to read a whole table for COPY TO: values as the store holds them, text as
/// UTF-8 bytes without a string in between. Optional: a backend offers it through
/// <see cref="IRawTableReaderProvider"/>, and COPY TO falls back to <see cref="IQueryResult"/> otherwise.
/// </summary>
public interface IRawTableReader : IDisposable
{
    /// <summary>Moves to the next row; false at the end.</summary>
    bool Read();

    RawValueKind GetKind(int ordinal);

    long GetInt64(int ordinal);

    double GetDouble(int ordinal);

    /// <summary>The UTF-8 bytes of a text value; valid until the next <see cref="Read"/>.</summary>
    ReadOnlySpan<byte> GetUtf8(int ordinal);

    /// <summary>The canonical value (see <see cref="Types.IPgCodec"/>), for what the fast paths do not cover.</summary>
    object? GetValue(int ordinal);
}

/// <summary>Implemented by backend sessions that have an <see cref="IRawTableReader"/>.</summary>
public interface IRawTableReaderProvider
{
    IRawTableReader OpenRawReader(TableDefinition table, IReadOnlyList<ColumnDefinition> columns);
}

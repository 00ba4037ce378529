using System.Buffers;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Protocol;

/// <summary>
/// Reads the fields of one frontend message's payload. Every read is bounds-checked: a payload
/// that ends early or has a missing terminator is a protocol violation (08P01), never a crash.
/// </summary>
public ref struct PayloadReader
{
    private SequenceReader<byte> _reader;
    private readonly string _messageName;

    public PayloadReader(ReadOnlySequence<byte> payload, string messageName)
    {
        _reader = new SequenceReader<byte>(payload);
        _messageName = messageName;
    }

    public readonly long Remaining => _reader.Remaining;

    public byte ReadByte() => _reader.TryRead(out var value) ? value : throw Invalid();

    public short ReadInt16() => _reader.TryReadBigEndian(out short value) ? value : throw Invalid();

    public int ReadInt32() => _reader.TryReadBigEndian(out int value) ? value : throw Invalid();

    /// <summary>Reads a zero-terminated UTF-8 string.</summary>
    public string ReadCString()
    {
        if (!_reader.TryReadTo(out ReadOnlySequence<byte> bytes, 0))
            throw Invalid();
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a count, checking that at least <paramref name="minBytesEach"/> bytes per item remain.</summary>
    public int ReadCount16(int minBytesEach)
    {
        var count = ReadInt16();
        if (count < 0 || (long)count * minBytesEach > _reader.Remaining)
            throw Invalid();
        return count;
    }

    /// <summary>Reads a length-prefixed value (-1 for NULL), copied out of the pipe buffer.</summary>
    public byte[]? ReadValue()
    {
        var length = ReadInt32();
        if (length == -1)
            return null;
        if (length < 0 || length > _reader.Remaining)
            throw Invalid();
        var value = new byte[length];
        _reader.TryCopyTo(value);
        _reader.Advance(length);
        return value;
    }

    /// <summary>Fails unless the whole payload was read.</summary>
    public readonly void EnsureEnd()
    {
        if (!_reader.End)
            throw Invalid();
    }

    private readonly PgErrorException Invalid() =>
        PgErrorException.Protocol($"invalid message format in {_messageName} message");
}

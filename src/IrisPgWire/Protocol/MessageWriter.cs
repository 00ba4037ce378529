using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace IrisPgWire.Protocol;

/// <summary>
/// A growable, pooled output buffer that backend messages are written into, with each message's
/// length back-patched when it ends. The session flushes it to the socket at protocol points.
/// </summary>
public sealed class MessageWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;
    private int _messageStart = -1;

    public MessageWriter(int initialCapacity = 16 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int WrittenCount => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Forgets everything written (after a flush).</summary>
    public void Clear()
    {
        _written = 0;
        _messageStart = -1;
    }

    /// <summary>Starts a message: writes its type byte and reserves its length.</summary>
    public void StartMessage(BackendMessageCode code)
    {
        System.Diagnostics.Debug.Assert(_messageStart < 0, "previous message not ended");
        var span = GetSpan(5);
        span[0] = (byte)code;
        _messageStart = _written + 1;
        _written += 5;
    }

    /// <summary>
    /// Drops a message that was started but not ended (an error interrupted it), so what follows is not
    /// written into the middle of it.
    /// </summary>
    public void DiscardPartialMessage()
    {
        if (_messageStart < 0)
            return;
        _written = _messageStart - 1;
        _messageStart = -1;
    }

    /// <summary>Ends the current message, writing its length (which counts itself but not the type byte).</summary>
    public void EndMessage()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_messageStart), _written - _messageStart);
        _messageStart = -1;
    }

    /// <summary>Reserves a 4-byte length to be patched by <see cref="PatchLength"/> (DataRow fields, CopyData).</summary>
    public int ReserveInt32()
    {
        GetSpan(4);
        var at = _written;
        _written += 4;
        return at;
    }

    /// <summary>Writes, at a reserved position, the count of bytes written since it.</summary>
    public void PatchLength(int reservedAt) =>
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(reservedAt), _written - reservedAt - 4);

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _written++;
    }

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(GetSpan(2), value);
        _written += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(GetSpan(4), value);
        _written += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    /// <summary>Writes a string as UTF-8 followed by a zero byte.</summary>
    public void WriteCString(string value)
    {
        WriteString(value);
        WriteByte(0);
    }

    /// <summary>Writes a string as UTF-8, without terminator.</summary>
    public void WriteString(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        _written += Encoding.UTF8.GetBytes(value, GetSpan(max));
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
            sizeHint = 256;
        if (_buffer.Length - _written >= sizeHint)
            return;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}

using System.Buffers;

namespace IrisPgWire.Copy;

/// <summary>
/// The bytes a COPY decoder has received but not yet used, in one pooled array: new data is appended,
/// used data is dropped from the front, and the rest is moved down before the array has to grow.
/// </summary>
internal sealed class CopyInputBuffer
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);

    /// <summary>Start of the bytes not yet used.</summary>
    public int Start { get; set; }

    /// <summary>End of the bytes received.</summary>
    public int End { get; private set; }

    public int Length => End - Start;

    public byte this[int index] => _buffer[index];

    public Span<byte> Slice(int from, int length) => _buffer.AsSpan(from, length);

    /// <summary>The unused bytes.</summary>
    public Span<byte> Unused => _buffer.AsSpan(Start, End - Start);

    /// <summary>Appends data; returns how far positions moved down (callers shift positions they keep).</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        var moved = 0;
        if (Start > 0 && End + data.Length > _buffer.Length)
        {
            _buffer.AsSpan(Start, End - Start).CopyTo(_buffer);
            moved = Start;
            End -= Start;
            Start = 0;
        }
        if (End + data.Length > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, End + data.Length));
            _buffer.AsSpan(0, End).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        data.CopyTo(_buffer.AsSpan(End));
        End += data.Length;
        return moved;
    }

    public void Release()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}

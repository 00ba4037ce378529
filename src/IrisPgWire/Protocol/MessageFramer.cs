using System.Buffers;
using IrisPgWire.Errors;

namespace IrisPgWire.Protocol;

/// <summary>
/// Cuts whole messages out of the connection's input. Nothing is consumed until a whole message is
/// there; the declared length is checked against the limit before anything is buffered for it.
/// </summary>
public static class MessageFramer
{
    /// <summary>Startup packets are small; PostgreSQL caps them at 10,000 bytes (MAX_STARTUP_PACKET_LENGTH).</summary>
    public const int MaxStartupPacketLength = 10_000;

    /// <summary>
    /// Reads a startup-phase packet (no type byte: Int32 length, then the payload starting with the
    /// protocol code). False when more bytes are needed.
    /// </summary>
    public static bool TryReadStartupPacket(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < 4)
            return false;
        var length = ReadInt32(buffer);
        if (length < 8 || length > MaxStartupPacketLength)
            throw PgErrorException.Protocol("invalid length of startup packet");
        if (buffer.Length < length)
            return false;
        payload = buffer.Slice(4, length - 4);
        buffer = buffer.Slice(length);
        return true;
    }

    /// <summary>
    /// Reads one typed message. False when more bytes are needed. Throws 08P01 for a length that is
    /// negative, too small, or over <paramref name="maxLength"/>.
    /// </summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxLength, out byte code,
        out ReadOnlySequence<byte> payload)
    {
        code = 0;
        payload = default;
        if (buffer.Length < 5)
            return false;
        code = buffer.FirstSpan.Length > 0 ? buffer.FirstSpan[0] : buffer.Slice(0, 1).FirstSpan[0];
        var length = ReadInt32(buffer.Slice(1));
        if (length < 4)
            throw PgErrorException.Protocol($"invalid message length {length}");
        if (length > maxLength)
            throw PgErrorException.Protocol($"message of type '{(char)code}' is too long: {length} bytes exceeds the limit of {maxLength}");
        if (buffer.Length < 1L + length)
            return false;
        payload = buffer.Slice(5, length - 4);
        buffer = buffer.Slice(1 + length);
        return true;
    }

    private static int ReadInt32(ReadOnlySequence<byte> buffer)
    {
        Span<byte> four = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(four);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(four);
    }
}

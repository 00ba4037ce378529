using System.Buffers;

namespace IrisPgWire.Protocol.Messages.Frontend;

/// <summary>CopyFail ('f'): the client aborts a COPY FROM STDIN, giving a reason.</summary>
public readonly record struct CopyFailMessage(string Reason)
{
    public static CopyFailMessage Parse(ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload, "CopyFail");
        return new CopyFailMessage(reader.ReadCString());
    }
}

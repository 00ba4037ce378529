using System.Buffers;

namespace IrisPgWire.Protocol.Messages.Frontend;

/// <summary>Execute ('E'): runs a portal, returning at most <see cref="MaxRows"/> rows (0 = all).</summary>
public readonly record struct ExecuteMessage(string PortalName, int MaxRows)
{
    public static ExecuteMessage Parse(ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload, "Execute");
        var portal = reader.ReadCString();
        var maxRows = reader.ReadInt32();
        reader.EnsureEnd();
        return new ExecuteMessage(portal, maxRows);
    }
}

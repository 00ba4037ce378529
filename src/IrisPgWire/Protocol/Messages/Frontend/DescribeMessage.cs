using System.Buffers;
using IrisPgWire.Errors;

namespace IrisPgWire.Protocol.Messages.Frontend;

/// <summary>Describe ('D') and Close ('C') share a layout: 'S' statement or 'P' portal, then a name.</summary>
public readonly record struct DescribeMessage(bool IsPortal, string Name)
{
    public static DescribeMessage Parse(ReadOnlySequence<byte> payload, string messageName)
    {
        var reader = new PayloadReader(payload, messageName);
        var kind = reader.ReadByte();
        var name = reader.ReadCString();
        reader.EnsureEnd();
        return kind switch
        {
            (byte)'S' => new DescribeMessage(false, name),
            (byte)'P' => new DescribeMessage(true, name),
            _ => throw PgErrorException.Protocol($"invalid {messageName} message subtype {kind}"),
        };
    }
}

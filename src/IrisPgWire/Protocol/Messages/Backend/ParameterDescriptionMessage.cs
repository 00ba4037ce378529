using IrisPgWire.Types;

namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>ParameterDescription: the type OID of each $n parameter of a prepared statement.</summary>
public static class ParameterDescriptionMessage
{
    public static void Write(MessageWriter writer, IReadOnlyList<PgType> types)
    {
        writer.StartMessage(BackendMessageCode.ParameterDescription);
        writer.WriteInt16((short)types.Count);
        foreach (var type in types)
            writer.WriteInt32(unchecked((int)type.Oid));
        writer.EndMessage();
    }
}

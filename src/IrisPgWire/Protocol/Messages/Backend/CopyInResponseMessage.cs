namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>CopyInResponse and CopyOutResponse: the overall format (0 text, 1 binary) and each column's.</summary>
public static class CopyInResponseMessage
{
    public static void Write(MessageWriter writer, bool binary, int columns) =>
        Write(writer, BackendMessageCode.CopyInResponse, binary, columns);

    public static void WriteOut(MessageWriter writer, bool binary, int columns) =>
        Write(writer, BackendMessageCode.CopyOutResponse, binary, columns);

    private static void Write(MessageWriter writer, BackendMessageCode code, bool binary, int columns)
    {
        writer.StartMessage(code);
        writer.WriteByte(binary ? (byte)1 : (byte)0);
        writer.WriteInt16((short)columns);
        for (var i = 0; i < columns; i++)
            writer.WriteInt16(binary ? (short)1 : (short)0);
        writer.EndMessage();
    }
}

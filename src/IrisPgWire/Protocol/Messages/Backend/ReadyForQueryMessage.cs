namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>ReadyForQuery with the transaction status: 'I' idle, 'T' in a block, 'E' in a failed block.</summary>
public static class ReadyForQueryMessage
{
    public static void Write(MessageWriter writer, byte status)
    {
        writer.StartMessage(BackendMessageCode.ReadyForQuery);
        writer.WriteByte(status);
        writer.EndMessage();
    }
}

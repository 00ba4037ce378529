namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>BackendKeyData: the process ID and secret key a CancelRequest must quote.</summary>
public static class BackendKeyDataMessage
{
    public static void Write(MessageWriter writer, int processId, int secretKey)
    {
        writer.StartMessage(BackendMessageCode.BackendKeyData);
        writer.WriteInt32(processId);
        writer.WriteInt32(secretKey);
        writer.EndMessage();
    }
}

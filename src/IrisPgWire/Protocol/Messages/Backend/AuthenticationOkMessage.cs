namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>AuthenticationOk: 'R', Int32 0.</summary>
public static class AuthenticationOkMessage
{
    public static void Write(MessageWriter writer)
    {
        writer.StartMessage(BackendMessageCode.Authentication);
        writer.WriteInt32(0);
        writer.EndMessage();
    }
}

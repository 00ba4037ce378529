namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>CommandComplete with its tag (<c>SELECT 3</c>, <c>INSERT 0 1</c>, <c>COPY 10</c>).</summary>
public static class CommandCompleteMessage
{
    public static void Write(MessageWriter writer, string tag)
    {
        writer.StartMessage(BackendMessageCode.CommandComplete);
        writer.WriteCString(tag);
        writer.EndMessage();
    }
}

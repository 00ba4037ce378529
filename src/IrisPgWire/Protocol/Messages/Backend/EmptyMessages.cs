namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>
/// The messages that carry nothing but their type: ParseComplete, BindComplete, CloseComplete, NoData,
/// PortalSuspended, EmptyQueryResponse, CopyDone.
/// </summary>
public static class EmptyMessages
{
    public static void Write(MessageWriter writer, BackendMessageCode code)
    {
        writer.StartMessage(code);
        writer.EndMessage();
    }
}

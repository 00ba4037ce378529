namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>NegotiateProtocolVersion: the newest minor version supported and the options not recognised.</summary>
public static class NegotiateProtocolVersionMessage
{
    public static void Write(MessageWriter writer, int newestMinor, IReadOnlyList<string> unrecognisedOptions)
    {
        writer.StartMessage(BackendMessageCode.NegotiateProtocolVersion);
        writer.WriteInt32(newestMinor);
        writer.WriteInt32(unrecognisedOptions.Count);
        foreach (var option in unrecognisedOptions)
            writer.WriteCString(option);
        writer.EndMessage();
    }
}

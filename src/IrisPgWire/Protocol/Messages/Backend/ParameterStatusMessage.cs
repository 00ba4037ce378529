namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>ParameterStatus: reports a run-time setting the client tracks.</summary>
public static class ParameterStatusMessage
{
    public static void Write(MessageWriter writer, string name, string value)
    {
        writer.StartMessage(BackendMessageCode.ParameterStatus);
        writer.WriteCString(name);
        writer.WriteCString(value);
        writer.EndMessage();
    }
}

using IrisPgWire.Protocol;

namespace IrisPgWire.Tests.Unit.Protocol;

public class MessageWriterTests
{
    [Fact]
    public void A_message_interrupted_by_an_error_is_dropped_and_complete_ones_kept()
    {
        using var writer = new MessageWriter(16);
        writer.StartMessage(BackendMessageCode.CommandComplete);
        writer.WriteCString("SELECT 1");
        writer.EndMessage();
        var complete = writer.WrittenMemory.ToArray();

        writer.StartMessage(BackendMessageCode.DataRow);
        writer.WriteInt16(3);
        writer.WriteInt32(5);
        writer.DiscardPartialMessage();

        Assert.Equal(complete, writer.WrittenMemory.ToArray());
        writer.StartMessage(BackendMessageCode.ReadyForQuery);
        writer.WriteByte((byte)'I');
        writer.EndMessage();
        Assert.Equal([.. complete, (byte)'Z', 0, 0, 0, 5, (byte)'I'], writer.WrittenMemory.ToArray());
    }
}

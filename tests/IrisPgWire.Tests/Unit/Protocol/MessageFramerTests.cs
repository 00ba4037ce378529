using System.Buffers;
using IrisPgWire.Errors;
using IrisPgWire.Protocol;

namespace IrisPgWire.Tests.Unit.Protocol;

public class MessageFramerTests
{
    // Query 'Q' "select 1\0": length = 4 + 9 = 13.
    private static readonly byte[] Query = [(byte)'Q', 0, 0, 0, 13, .. "select 1"u8, 0];

    [Fact]
    public void A_whole_message_is_cut_out_and_the_rest_is_kept()
    {
        var input = new ReadOnlySequence<byte>([.. Query, (byte)'S', 0, 0, 0, 4]);
        Assert.True(MessageFramer.TryReadMessage(ref input, 1000, out var code, out var payload));
        Assert.Equal((byte)'Q', code);
        Assert.Equal("select 1\0"u8.ToArray(), payload.ToArray());
        Assert.True(MessageFramer.TryReadMessage(ref input, 1000, out code, out payload));
        Assert.Equal((byte)'S', code);
        Assert.True(payload.IsEmpty);
        Assert.True(input.IsEmpty);
    }

    [Fact]
    public void A_message_split_at_every_offset_is_only_read_when_whole()
    {
        for (var split = 0; split < Query.Length; split++)
        {
            var partial = new ReadOnlySequence<byte>(Query.AsMemory(0, split));
            Assert.False(MessageFramer.TryReadMessage(ref partial, 1000, out _, out _));
            Assert.Equal(split, partial.Length);

            var whole = TwoSegments(Query, split);
            Assert.True(MessageFramer.TryReadMessage(ref whole, 1000, out var code, out var payload));
            Assert.Equal((byte)'Q', code);
            Assert.Equal("select 1\0"u8.ToArray(), payload.ToArray());
        }
    }

    [Fact]
    public void A_length_over_the_limit_is_a_protocol_violation_before_the_body_arrives()
    {
        var header = new ReadOnlySequence<byte>(new byte[] { (byte)'d', 0x10, 0, 0, 0 });
        var e = Assert.Throws<PgErrorException>(() => MessageFramer.TryReadMessage(ref header, 1 << 20, out _, out _));
        Assert.Equal(SqlState.ProtocolViolation, e.SqlState);
        Assert.Equal(ErrorSeverity.Fatal, e.Severity);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_length_below_four_is_a_protocol_violation(int length)
    {
        var header = new ReadOnlySequence<byte>(new byte[] { (byte)'Q', (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length });
        var e = Assert.Throws<PgErrorException>(() => MessageFramer.TryReadMessage(ref header, 1000, out _, out _));
        Assert.Equal(SqlState.ProtocolViolation, e.SqlState);
    }

    [Fact]
    public void A_startup_packet_longer_than_ten_thousand_bytes_is_refused()
    {
        var header = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0x27, 0x11, 0, 3, 0, 0 });
        var e = Assert.Throws<PgErrorException>(() => MessageFramer.TryReadStartupPacket(ref header, out _));
        Assert.Equal("invalid length of startup packet", e.Message);
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] data, int split)
    {
        var first = new Segment(data.AsMemory(0, split));
        var last = first.Append(data.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}

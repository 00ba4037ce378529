using System.Buffers;
using System.Text;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Types;

public class ArrayCodecTests
{
    private static readonly IPgCodec IntArray = PgCodecs.For(PgTypeCatalog.Int4Array);

    [Fact]
    public void A_two_dimensional_int_array_has_the_binary_layout_of_array_send()
    {
        var value = IntArray.ParseText("{{1,2},{3,4}}"u8, -1, PgFormatSettings.Default);
        var output = new ArrayBufferWriter<byte>();
        IntArray.FormatBinary(value, output);
        // ndim 2, no nulls, element oid 23, dims (2, lbound 1) twice, then four 4-byte elements (manual, array_send).
        byte[] expected =
        [
            0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 23,
            0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1,
            0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 4,
        ];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(output.WrittenSpan));
        Assert.Equal("{{1,2},{3,4}}", IntArray.ParseBinary(expected, -1));
    }

    [Fact]
    public void Elements_that_need_quotes_get_them_and_null_stays_bare()
    {
        var codec = PgCodecs.For(PgTypeCatalog.TextArray);
        Assert.Equal("{a,\"b c\",\"\",NULL,\"NULL\",\"x\\\"y\"}",
            codec.ParseText(Encoding.UTF8.GetBytes("{a, \"b c\" ,\"\",NULL,\"NULL\",\"x\\\"y\"}"), -1, PgFormatSettings.Default));
    }
}

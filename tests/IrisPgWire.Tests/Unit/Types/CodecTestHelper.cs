using System.Buffers;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Types;

internal static class CodecTestHelper
{
    public static object Parse(PgType type, string text, int modifier = -1, PgFormatSettings? settings = null) =>
        PgCodecs.For(type).ParseText(Encoding.UTF8.GetBytes(text), modifier, settings ?? PgFormatSettings.Default);

    public static string Text(PgType type, object value, PgFormatSettings? settings = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        PgCodecs.For(type).FormatText(value, buffer, settings ?? PgFormatSettings.Default);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static byte[] Binary(PgType type, object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        PgCodecs.For(type).FormatBinary(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>text → canonical → text, and canonical → binary → canonical → text.</summary>
    public static string RoundTrip(PgType type, string input, int modifier = -1, PgFormatSettings? settings = null)
    {
        var value = Parse(type, input, modifier, settings);
        string text = Text(type, value, settings);
        var back = PgCodecs.For(type).ParseBinary(Binary(type, value), modifier);
        Assert.Equal(text, Text(type, back, settings));
        return text;
    }

    public static PgErrorException Error(PgType type, string text, int modifier = -1, PgFormatSettings? settings = null) =>
        Assert.Throws<PgErrorException>(() => Parse(type, text, modifier, settings));

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}

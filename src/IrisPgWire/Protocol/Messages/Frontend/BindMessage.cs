using System.Buffers;

namespace IrisPgWire.Protocol.Messages.Frontend;

/// <summary>
/// Bind ('B'): a portal from a prepared statement, with parameter values (copied out of the input
/// buffer), their format codes, and the result columns' format codes.
/// </summary>
public sealed record BindMessage(string PortalName, string StatementName, short[] ParameterFormats,
    byte[]?[] ParameterValues, short[] ResultFormats)
{
    public static BindMessage Parse(ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload, "Bind");
        var portal = reader.ReadCString();
        var statement = reader.ReadCString();
        var formats = ReadShorts(ref reader);
        var valueCount = reader.ReadCount16(4);
        var values = new byte[]?[valueCount];
        for (var i = 0; i < valueCount; i++)
            values[i] = reader.ReadValue();
        var resultFormats = ReadShorts(ref reader);
        reader.EnsureEnd();
        return new BindMessage(portal, statement, formats, values, resultFormats);
    }

    private static short[] ReadShorts(ref PayloadReader reader)
    {
        var count = reader.ReadCount16(2);
        var result = new short[count];
        for (var i = 0; i < count; i++)
            result[i] = reader.ReadInt16();
        return result;
    }

    /// <summary>
    /// The format of item <paramref name="index"/> given a format-code list: none means all text,
    /// one applies to all, otherwise one per item (PostgreSQL manual, "Bind").
    /// </summary>
    public static short FormatAt(short[] formats, int index) => formats.Length switch
    {
        0 => 0,
        1 => formats[0],
        _ => formats[index],
    };
}

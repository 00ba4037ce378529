using IrisPgWire.Backends;
using IrisPgWire.Types;

namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>DataRow: each column's value, length-prefixed (-1 for NULL), in its text or binary format.</summary>
public static class DataRowMessage
{
    public static void Write(MessageWriter writer, IQueryResult row, IPgCodec[] codecs, bool[] binary,
        PgFormatSettings settings)
    {
        writer.StartMessage(BackendMessageCode.DataRow);
        writer.WriteInt16((short)codecs.Length);
        for (var i = 0; i < codecs.Length; i++)
        {
            var value = row.GetValue(i);
            if (value is null)
            {
                writer.WriteInt32(-1);
                continue;
            }
            var at = writer.ReserveInt32();
            if (binary[i])
                codecs[i].FormatBinary(value, writer);
            else
                codecs[i].FormatText(value, writer, settings);
            writer.PatchLength(at);
        }
        writer.EndMessage();
    }
}

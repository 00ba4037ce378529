using IrisPgWire.Backends;

namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>RowDescription: per column its name, origin, type OID, size, modifier and format.</summary>
public static class RowDescriptionMessage
{
    public static void Write(MessageWriter writer, IReadOnlyList<ResultColumn> columns, short[] formats)
    {
        writer.StartMessage(BackendMessageCode.RowDescription);
        writer.WriteInt16((short)columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            writer.WriteCString(column.Name);
            writer.WriteInt32(unchecked((int)column.TableOid));
            writer.WriteInt16(column.ColumnNumber);
            writer.WriteInt32(unchecked((int)column.Type.Oid));
            writer.WriteInt16(column.Type.Type.Length);
            writer.WriteInt32(column.Type.Modifier);
            writer.WriteInt16(Frontend.BindMessage.FormatAt(formats, i));
        }
        writer.EndMessage();
    }
}

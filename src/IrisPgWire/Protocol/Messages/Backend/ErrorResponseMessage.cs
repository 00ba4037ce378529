using IrisPgWire.Errors;

namespace IrisPgWire.Protocol.Messages.Backend;

/// <summary>
/// ErrorResponse and NoticeResponse: the fields of an error or notice, each a code byte and a
/// string (PostgreSQL manual, "Error and Notice Message Fields").
/// </summary>
public static class ErrorResponseMessage
{
    public static void Write(MessageWriter writer, PgErrorException error) =>
        Write(writer, BackendMessageCode.ErrorResponse, error);

    public static void WriteNotice(MessageWriter writer, PgErrorException notice) =>
        Write(writer, BackendMessageCode.NoticeResponse, notice);

    private static void Write(MessageWriter writer, BackendMessageCode code, PgErrorException e)
    {
        writer.StartMessage(code);
        var severity = e.Severity.ToWire();
        Field(writer, 'S', severity);
        Field(writer, 'V', severity);
        Field(writer, 'C', e.SqlState);
        Field(writer, 'M', e.Message);
        Field(writer, 'D', e.Detail);
        Field(writer, 'H', e.Hint);
        Field(writer, 'P', e.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(writer, 'W', e.Context);
        Field(writer, 's', e.SchemaName);
        Field(writer, 't', e.TableName);
        Field(writer, 'c', e.ColumnName);
        Field(writer, 'd', e.DataTypeName);
        Field(writer, 'n', e.ConstraintName);
        writer.WriteByte(0);
        writer.EndMessage();
    }

    private static void Field(MessageWriter writer, char code, string? value)
    {
        if (value is null)
            return;
        writer.WriteByte((byte)code);
        writer.WriteCString(value);
    }
}

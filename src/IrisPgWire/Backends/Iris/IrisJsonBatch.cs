using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Writes one batch of canonical rows as the JSON array the JSON_TABLE strategy sends as its parameter:
/// numbers as JSON numbers, booleans as 1 and 0 (IRIS BIT), everything else as JSON strings escaped by
/// <see cref="Utf8JsonWriter"/>, NULL as JSON null and '' as <c>""</c>.
/// </summary>
internal static class IrisJsonBatch
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Only JSON's own escaping; the text is a parameter value, never part of SQL or HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static string Build(IReadOnlyList<object?[]> rows, IReadOnlyList<ColumnDefinition> columns, int[] vectorDimensions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    writer.WritePropertyName(IrisInsertWriter.Key(i));
                    WriteValue(writer, IrisValueConverter.ToParameter(row[i], columns[i].Type, vectorDimensions[i]));
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case DBNull:
                writer.WriteNullValue();
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case short s:
                writer.WriteNumberValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case string str:
                writer.WriteStringValue(str);
                break;
            default:
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{value.GetType().Name} has no JSON form"), nameof(value));
        }
    }
}

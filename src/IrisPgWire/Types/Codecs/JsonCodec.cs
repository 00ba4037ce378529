using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// json keeps its input text after checking it; jsonb is printed as PostgreSQL prints it: keys ordered
/// by length then bytes, duplicates resolved to the last, <c>", "</c> and <c>": "</c> separators
/// (jsonb.c, JsonbToCString). jsonb's binary form is a version byte 1 and the text.
/// </summary>
internal sealed class JsonCodec(PgType type) : PgCodec(type)
{
    public static readonly JsonCodec Json = new(PgTypeCatalog.Json);
    public static readonly JsonCodec Jsonb = new(PgTypeCatalog.Jsonb);

    private bool IsJsonb => Type == PgTypeCatalog.Jsonb;

    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = DecodeUtf8(utf8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 6400 });
        }
        catch (JsonException)
        {
            throw JsonSyntaxError.Describe(text);
        }
        using (document)
        {
            if (!IsJsonb)
                return text;
            var sb = new StringBuilder();
            Write(document.RootElement, sb);
            return sb.ToString();
        }
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (!IsJsonb)
            return ParseText(data, modifier, PgFormatSettings.Default);
        if (data.Length == 0 || data[0] != 1)
            throw new PgErrorException(SqlState.InvalidBinaryRepresentation, "unsupported jsonb version number");
        return ParseText(data[1..], modifier, PgFormatSettings.Default);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        if (IsJsonb)
        {
            output.GetSpan(1)[0] = 1;
            output.Advance(1);
        }
        WriteUtf8(output, (string)value);
    }

    private static void Write(JsonElement element, StringBuilder sb)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                    members[property.Name] = property.Value;
                var keys = members.Keys.OrderBy(k => Encoding.UTF8.GetByteCount(k)).ThenBy(k => k, Utf8Order.Instance);
                sb.Append('{');
                var first = true;
                foreach (var key in keys)
                {
                    if (!first)
                        sb.Append(", ");
                    first = false;
                    WriteString(key, sb);
                    sb.Append(": ");
                    Write(members[key], sb);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                        sb.Append(", ");
                    firstItem = false;
                    Write(item, sb);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, sb);
                break;
            case JsonValueKind.Number:
                // jsonb keeps numbers as numeric: exponent forms are expanded, the scale kept.
                sb.Append(NumericCodec.Instance.Parse(element.GetRawText(), -1));
                break;
            default:
                sb.Append(element.GetRawText());
                break;
        }
    }

    /// <summary>A JSON string as PostgreSQL escapes it (json.c escape_json).</summary>
    private static void WriteString(string value, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }

    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x!).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y!));
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// json and jsonb (src/backend/utils/adt/json.c, jsonb.c). json is validated and kept exactly as
/// written; jsonb is printed as jsonb_out does: object keys ordered by length then bytes, the last of
/// duplicate keys kept, <c>": "</c> and <c>", "</c> separators, numbers as numeric prints them, strings
/// re-escaped. jsonb's binary form is a version byte (1) before the text.
/// </summary>
internal sealed class JsonCodec : IPgCodec
{
    public static readonly JsonCodec Json = new(false);
    public static readonly JsonCodec Jsonb = new(true);

    private readonly bool _binaryJson;

    private JsonCodec(bool jsonb) => _binaryJson = jsonb;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 6400 };

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        string text = Utf8Input.Decode(utf8);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8.ToArray(), Options);
        }
        catch (JsonException e)
        {
            throw InvalidJson(text, e);
        }
        using (doc)
        {
            if (!_binaryJson)
                return text;
            var sb = new StringBuilder(text.Length);
            Write(sb, doc.RootElement);
            return sb.ToString();
        }
    }

    private static PgErrorException InvalidJson(string text, JsonException e)
    {
        // PostgreSQL's details name the offending token (json.c report_parse_error). System.Text.Json reports
        // a position: at the end of the input that is "ended unexpectedly"; on a bare word it is an invalid
        // token; other cases get a generic detail.
        int line = (int)(e.LineNumber ?? 0);
        string[] lines = text.Split('\n');
        string lineText = line < lines.Length ? lines[line] : text;
        byte[] lineBytes = Encoding.UTF8.GetBytes(lineText);
        int pos = (int)Math.Min(e.BytePositionInLine ?? 0, lineBytes.Length);
        string detail;
        if (line >= lines.Length - 1 && lineBytes.AsSpan(pos).Trim(" \t\r"u8).IsEmpty)
        {
            detail = "The input string ended unexpectedly.";
        }
        else
        {
            int endTok = pos;
            while (endTok < lineBytes.Length && (char.IsAsciiLetterOrDigit((char)lineBytes[endTok]) || lineBytes[endTok] >= 0x80))
                endTok++;
            detail = endTok > pos
                ? $"Token \"{Encoding.UTF8.GetString(lineBytes, pos, endTok - pos)}\" is invalid."
                : "The input is not valid JSON.";
        }
        return new PgErrorException(SqlState.InvalidTextRepresentation,
            "invalid input syntax for type json", detail)
        {
            Context = $"JSON data, line {line + 1}: {lineText}",
        };
    }

    private static void Write(StringBuilder sb, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                    map[p.Name] = p.Value;
                var keys = new List<string>(map.Keys);
                keys.Sort(CompareKeys);
                sb.Append('{');
                for (int k = 0; k < keys.Count; k++)
                {
                    if (k > 0)
                        sb.Append(", ");
                    WriteString(sb, keys[k]);
                    sb.Append(": ");
                    Write(sb, map[keys[k]]);
                }
                sb.Append('}');
                break;
            }
            case JsonValueKind.Array:
            {
                sb.Append('[');
                bool first = true;
                foreach (var item in e.EnumerateArray())
                {
                    if (!first)
                        sb.Append(", ");
                    first = false;
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            }
            case JsonValueKind.String:
                string s = e.GetString()!;
                if (s.Contains('\0', StringComparison.Ordinal))
                    throw new PgErrorException(SqlState.UntranslatableCharacter, "unsupported Unicode escape sequence",
                        "\\u0000 cannot be converted to text.");
                WriteString(sb, s);
                break;
            case JsonValueKind.Number:
                sb.Append((string)NumericCodec.Instance.ParseText(Encoding.UTF8.GetBytes(e.GetRawText()), -1, PgFormatSettings.Default));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>jsonb orders keys by length first, then bytewise (jsonb_util.c lengthCompareJsonbString).</summary>
    private static int CompareKeys(string a, string b)
    {
        int la = Encoding.UTF8.GetByteCount(a), lb = Encoding.UTF8.GetByteCount(b);
        if (la != lb)
            return la.CompareTo(lb);
        return string.CompareOrdinal(a, b) switch
        {
            0 => 0,
            _ => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)),
        };
    }

    /// <summary>escape_json (json.c): the short escapes, \u00XX for other control characters.</summary>
    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
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
                default:
                    if (c < 0x20)
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (_binaryJson)
        {
            if (data.Length < 1)
                CodecErrors.InsufficientBinaryData();
            if (data[0] != 1)
                CodecErrors.BinaryFormat($"unsupported jsonb version number {data[0]}");
            data = data[1..];
        }
        return ParseText(data, modifier, PgFormatSettings.Default);
    }

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings) =>
        Utf8Input.WriteString(output, (string)value);

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        if (_binaryJson)
            Utf8Input.WriteByte(output, 1);
        Utf8Input.WriteString(output, (string)value);
    }

    public object Coerce(object value, int modifier) => value switch
    {
        string s => ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default),
        JsonDocument d => ParseText(Encoding.UTF8.GetBytes(d.RootElement.GetRawText()), modifier, PgFormatSettings.Default),
        JsonElement e => ParseText(Encoding.UTF8.GetBytes(e.GetRawText()), modifier, PgFormatSettings.Default),
        _ => CodecErrors.CannotCoerceTo(value, _binaryJson ? "jsonb" : "json"),
    };
}

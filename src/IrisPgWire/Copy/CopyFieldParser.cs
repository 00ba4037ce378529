using System.Buffers;
using IrisPgWire.Errors;

namespace IrisPgWire.Copy;

/// <summary>
/// Splits one record into fields (PostgreSQL manual, "COPY", File Formats): TEXT with its backslash
/// escapes, CSV with quoting. NULL is decided on the raw field, before escapes are processed, as
/// PostgreSQL does (copyfromparse.c, CopyReadAttributesText / CopyReadAttributesCSV).
/// </summary>
internal static class CopyFieldParser
{
    public static void ParseText(ReadOnlySpan<byte> line, CopyOptions options, CopyRow row)
    {
        var delimiter = options.Delimiter;
        var specials = options.FieldSpecials;
        var i = 0;
        while (true)
        {
            var fieldStart = row.Mark;
            var rawStart = i;
            while (i < line.Length)
            {
                var run = line[i..].IndexOfAny(specials);
                if (run < 0)
                {
                    row.Append(line[i..]);
                    i = line.Length;
                    break;
                }
                row.Append(line.Slice(i, run));
                i += run;
                if (line[i] == delimiter)
                    break;
                // A backslash: the escape sequences of the text format.
                i++;
                if (i >= line.Length)
                {
                    row.Append((byte)'\\');
                    break;
                }
                var c = line[i++];
                switch (c)
                {
                    case (byte)'b': row.Append((byte)'\b'); break;
                    case (byte)'f': row.Append((byte)'\f'); break;
                    case (byte)'n': row.Append((byte)'\n'); break;
                    case (byte)'r': row.Append((byte)'\r'); break;
                    case (byte)'t': row.Append((byte)'\t'); break;
                    case (byte)'v': row.Append((byte)'\v'); break;
                    case >= (byte)'0' and <= (byte)'7':
                    {
                        var value = c - '0';
                        for (var k = 0; k < 2 && i < line.Length && line[i] is >= (byte)'0' and <= (byte)'7'; k++)
                            value = (value << 3) + (line[i++] - '0');
                        row.Append((byte)value);
                        break;
                    }
                    case (byte)'x' when i < line.Length && IsHex(line[i]):
                    {
                        var value = HexValue(line[i++]);
                        if (i < line.Length && IsHex(line[i]))
                            value = (value << 4) + HexValue(line[i++]);
                        row.Append((byte)value);
                        break;
                    }
                    default:
                        row.Append(c);
                        break;
                }
            }
            var raw = line[rawStart..i];
            var isNull = raw.SequenceEqual(options.NullBytes);
            row.EndField(fieldStart, isNull, quoted: false);
            if (i >= line.Length)
                return;
            i++;
        }
    }

    /// <summary>CSV fields; throws "unterminated CSV quoted field" when a quote is left open.</summary>
    public static void ParseCsv(ReadOnlySpan<byte> record, CopyOptions options, CopyRow row)
    {
        byte delimiter = options.Delimiter, quote = options.Quote, escape = options.Escape;
        SearchValues<byte> fieldSpecials = options.FieldSpecials, quotedSpecials = options.QuotedSpecials;
        var i = 0;
        while (true)
        {
            var fieldStart = row.Mark;
            var rawStart = i;
            var quoted = false;
            var inQuote = false;
            while (i < record.Length)
            {
                if (inQuote)
                {
                    var quotedRun = record[i..].IndexOfAny(quotedSpecials);
                    if (quotedRun < 0)
                    {
                        row.Append(record[i..]);
                        i = record.Length;
                        break;
                    }
                    row.Append(record.Slice(i, quotedRun));
                    i += quotedRun;
                    var c = record[i];
                    if (c == escape && i + 1 < record.Length && (record[i + 1] == quote || record[i + 1] == escape) && !(escape == quote && record[i + 1] != quote))
                    {
                        row.Append(record[i + 1]);
                        i += 2;
                        continue;
                    }
                    if (c == quote)
                        inQuote = false;
                    else
                        row.Append(c);
                    i++;
                    continue;
                }
                // Outside quotes the escape is an ordinary byte: only the delimiter and the quote matter.
                var run = record[i..].IndexOfAny(fieldSpecials);
                if (run < 0)
                {
                    row.Append(record[i..]);
                    i = record.Length;
                    break;
                }
                row.Append(record.Slice(i, run));
                i += run;
                if (record[i] == delimiter)
                    break;
                inQuote = true;
                quoted = true;
                i++;
            }
            if (inQuote)
                throw new PgErrorException(SqlState.BadCopyFileFormat, "unterminated CSV quoted field");
            var isNull = !quoted && record[rawStart..i].SequenceEqual(options.NullBytes);
            row.EndField(fieldStart, isNull, quoted);
            if (i >= record.Length)
                return;
            i++;
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}

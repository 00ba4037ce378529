using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using IrisPgWire.Errors;

namespace IrisPgWire.Copy;

/// <summary>
/// Splits one record into fields (PostgreSQL manual, "COPY", File Formats): TEXT with its backslash
/// escapes, CSV with quoting. NULL is decided on the raw field, before escapes are processed, as
/// PostgreSQL does (copyfromparse.c, CopyReadAttributesText / CopyReadAttributesCSV).
/// </summary>
internal static class CopyFieldParser
{
    /// <param name="line">The record, line ending removed.</param>
    /// <param name="options">The COPY's options.</param>
    /// <param name="row">Receives the fields.</param>
    /// <param name="mayBeEscaped">False when the record reader saw no backslash in it.</param>
    public static void ParseText(ReadOnlySpan<byte> line, CopyOptions options, CopyRow row, bool mayBeEscaped = true)
    {
        // Without a backslash a line is its fields between delimiters as they are; so is a line whose
        // only backslashes are in NULL fields (\N), which are decided before escapes.
        if (!mayBeEscaped || line.IndexOf((byte)'\\') < 0)
        {
            SplitPlain(line, options, row);
            return;
        }
        Span<byte> data;
        if (options.NullBytes.Contains((byte)'\\'))
        {
            data = SplitPlain(line, options, row);
            if (!HasEscapes(row))
                return;
            row.DropFields();
        }
        else
        {
            data = row.Load(line);
        }
        var delimiter = options.Delimiter;
        var specials = options.FieldSpecials;
        var nullBytes = options.NullBytes;
        // The record is copied into the row once and fields are cut out of the copy: a field without
        // escapes is already in place, and after an escape the rest moves down over what it freed.
        // i reads the record, w writes the copy; w never passes i.
        int i = 0, w = 0;
        while (true)
        {
            var fieldStart = w;
            var rawStart = i;
            while (i < line.Length)
            {
                var run = line[i..].IndexOfAny(specials);
                if (run < 0)
                    run = line.Length - i;
                Keep(line, i, run, data, w);
                i += run;
                w += run;
                if (i >= line.Length || line[i] == delimiter)
                    break;
                // A backslash: the escape sequences of the text format.
                i++;
                // A backslash that ends the line (only the last one of the input can) is dropped, as
                // CopyReadAttributesText does.
                if (i >= line.Length)
                    break;
                var c = line[i++];
                switch (c)
                {
                    case (byte)'b': data[w++] = (byte)'\b'; break;
                    case (byte)'f': data[w++] = (byte)'\f'; break;
                    case (byte)'n': data[w++] = (byte)'\n'; break;
                    case (byte)'r': data[w++] = (byte)'\r'; break;
                    case (byte)'t': data[w++] = (byte)'\t'; break;
                    case (byte)'v': data[w++] = (byte)'\v'; break;
                    case >= (byte)'0' and <= (byte)'7':
                    {
                        var value = c - '0';
                        for (var k = 0; k < 2 && i < line.Length && line[i] is >= (byte)'0' and <= (byte)'7'; k++)
                            value = (value << 3) + (line[i++] - '0');
                        data[w++] = (byte)value;
                        break;
                    }
                    case (byte)'x' when i < line.Length && IsHex(line[i]):
                    {
                        var value = HexValue(line[i++]);
                        if (i < line.Length && IsHex(line[i]))
                            value = (value << 4) + HexValue(line[i++]);
                        data[w++] = (byte)value;
                        break;
                    }
                    default:
                        data[w++] = c;
                        break;
                }
            }
            var isNull = IsNull(line, rawStart, i, nullBytes);
            row.AddField(fieldStart, w - fieldStart, isNull, quoted: false);
            if (i >= line.Length)
                return;
            // Past the delimiter in both.
            i++;
            w++;
        }
    }

    /// <summary>CSV fields; throws "unterminated CSV quoted field" when a quote is left open.</summary>
    /// <param name="record">The record, line ending removed.</param>
    /// <param name="options">The COPY's options.</param>
    /// <param name="row">Receives the fields.</param>
    /// <param name="mayBeQuoted">False when the record reader saw no quote or escape in it.</param>
    public static void ParseCsv(ReadOnlySpan<byte> record, CopyOptions options, CopyRow row, bool mayBeQuoted = true)
    {
        byte delimiter = options.Delimiter, quote = options.Quote, escape = options.Escape;
        // Without a quote a record is its fields between delimiters as they are (outside quotes the
        // escape is an ordinary byte).
        if (!mayBeQuoted || record.IndexOf(quote) < 0)
        {
            SplitPlain(record, options, row);
            return;
        }
        SearchValues<byte> fieldSpecials = options.FieldSpecials, quotedSpecials = options.QuotedSpecials;
        // As in ParseText: fields are cut out of the row's copy of the record, quotes and escapes removed.
        var data = row.Load(record);
        int i = 0, w = 0;
        while (true)
        {
            var fieldStart = w;
            var rawStart = i;
            var quoted = false;
            var inQuote = false;
            while (i < record.Length)
            {
                if (inQuote)
                {
                    var quotedRun = record[i..].IndexOfAny(quotedSpecials);
                    if (quotedRun < 0)
                        quotedRun = record.Length - i;
                    Keep(record, i, quotedRun, data, w);
                    i += quotedRun;
                    w += quotedRun;
                    if (i >= record.Length)
                        break;
                    var c = record[i];
                    if (c == escape && i + 1 < record.Length && (record[i + 1] == quote || record[i + 1] == escape) && !(escape == quote && record[i + 1] != quote))
                    {
                        data[w++] = record[i + 1];
                        i += 2;
                        continue;
                    }
                    if (c == quote)
                        inQuote = false;
                    else
                        data[w++] = c;
                    i++;
                    continue;
                }
                // Outside quotes the escape is an ordinary byte: only the delimiter and the quote matter.
                var run = record[i..].IndexOfAny(fieldSpecials);
                if (run < 0)
                    run = record.Length - i;
                Keep(record, i, run, data, w);
                i += run;
                w += run;
                if (i >= record.Length || record[i] == delimiter)
                    break;
                inQuote = true;
                quoted = true;
                i++;
            }
            if (inQuote)
                throw new PgErrorException(SqlState.BadCopyFileFormat, "unterminated CSV quoted field");
            var isNull = !quoted && IsNull(record, rawStart, i, options.NullBytes);
            row.AddField(fieldStart, w - fieldStart, isNull, quoted);
            if (i >= record.Length)
                return;
            i++;
            w++;
        }
    }

    /// <summary>
    /// A record with nothing to undo: the row's copy of it, cut at each delimiter, which 32 bytes at a
    /// time are found as the bits of a vector comparison. A field is NULL when it is the NULL string.
    /// </summary>
    /// <returns>The row's copy of the record.</returns>
    private static Span<byte> SplitPlain(ReadOnlySpan<byte> record, CopyOptions options, CopyRow row)
    {
        var data = row.Load(record);
        var delimiter = options.Delimiter;
        var nullBytes = options.NullBytes;
        var start = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var delimiters = Vector256.Create(delimiter);
            ref var first = ref MemoryMarshal.GetReference(record);
            for (; i + Vector256<byte>.Count <= record.Length; i += Vector256<byte>.Count)
            {
                var mask = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), delimiters).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(mask);
                    row.AddField(start, at - start, IsNull(record, start, at, nullBytes), quoted: false);
                    start = at + 1;
                    mask &= mask - 1;
                }
            }
        }
        for (; i < record.Length; i++)
        {
            if (record[i] != delimiter)
                continue;
            row.AddField(start, i - start, IsNull(record, start, i, nullBytes), quoted: false);
            start = i + 1;
        }
        row.AddField(start, record.Length - start, IsNull(record, start, record.Length, nullBytes), quoted: false);
        return data;
    }

    /// <summary>Whether record[start..end] is the NULL string; most fields differ from it in length.</summary>
    private static bool IsNull(ReadOnlySpan<byte> record, int start, int end, ReadOnlySpan<byte> nullBytes) =>
        end - start == nullBytes.Length && record[start..end].SequenceEqual(nullBytes);

    /// <summary>
    /// Whether a plainly split line needs escapes undone: a field other than a NULL one holds a backslash,
    /// or a NULL string ending in one (NULL '\') took the delimiter after it.
    /// </summary>
    private static bool HasEscapes(CopyRow row)
    {
        for (var k = 0; k < row.FieldCount; k++)
        {
            var field = row.Field(k);
            if (row.IsNull(k) ? field.EndsWith((byte)'\\') : field.Contains((byte)'\\'))
                return true;
        }
        return false;
    }

    /// <summary>Keeps <paramref name="length"/> bytes of the record at <paramref name="from"/>: moves them down to <paramref name="to"/> in the copy unless they are there.</summary>
    private static void Keep(ReadOnlySpan<byte> record, int from, int length, Span<byte> data, int to)
    {
        if (to != from)
            record.Slice(from, length).CopyTo(data[to..]);
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}

using System.Buffers;
using IrisPgWire.Protocol;

namespace IrisPgWire.Copy;

/// <summary>
/// Writes one COPY TO row in TEXT or CSV exactly as PostgreSQL 15 does (copyto.c, CopyAttributeOutText
/// and CopyAttributeOutCSV), straight into the connection's output buffer: TEXT escapes backslash, the delimiter and control characters; CSV quotes a
/// value holding the delimiter, quote, CR or LF, or equal to the NULL string, and FORCE_QUOTE columns.
/// </summary>
internal sealed class CopyRowEncoder
{
    private readonly CopyOptions _options;
    private readonly bool[] _forceQuote;
    private readonly bool _singleColumn;
    private readonly SearchValues<byte> _textSpecials;
    private readonly SearchValues<byte> _csvSpecials;

    public CopyRowEncoder(CopyOptions options, IReadOnlyList<string> columnNames)
    {
        _options = options;
        _forceQuote = [.. columnNames.Select(n => options.ForceQuoteAll || (options.ForceQuote?.Contains(n) ?? false))];
        _singleColumn = columnNames.Count == 1;
        _textSpecials = SearchValues.Create([(byte)'\\', options.Delimiter, (byte)'\b', (byte)'\f', (byte)'\n', (byte)'\r', (byte)'\t', (byte)'\v']);
        _csvSpecials = SearchValues.Create([options.Delimiter, options.Quote, (byte)'\n', (byte)'\r']);
    }

    public void Delimiter(MessageWriter output)
    {
        output.GetSpan(1)[0] = _options.Delimiter;
        output.Advance(1);
    }

    public void EndRow(MessageWriter output)
    {
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }

    public void Null(MessageWriter output) => output.WriteBytes(_options.NullBytes);

    /// <summary>Writes a value's text output, escaped or quoted for the format.</summary>
    public void Value(ReadOnlySpan<byte> text, int column, MessageWriter output)
    {
        if (_options.IsCsv)
            Csv(text, column, output);
        else
            Text(text, output);
    }

    /// <summary>A header field: the column name, quoted in CSV when it needs it (never forced).</summary>
    public void Header(ReadOnlySpan<byte> name, MessageWriter output)
    {
        if (_options.IsCsv)
            Csv(name, -1, output);
        else
            Text(name, output);
    }

    private void Text(ReadOnlySpan<byte> text, MessageWriter output)
    {
        var at = text.IndexOfAny(_textSpecials);
        if (at < 0)
        {
            output.WriteBytes(text);
            return;
        }
        // Each byte becomes at most two.
        var span = output.GetSpan(text.Length * 2);
        var written = 0;
        while (at >= 0)
        {
            text[..at].CopyTo(span[written..]);
            written += at;
            var c = text[at];
            // A tab delimiter is written as \t like any tab; another delimiter is backslash-escaped as is.
            span[written++] = (byte)'\\';
            span[written++] = c switch
            {
                (byte)'\b' => (byte)'b',
                (byte)'\f' => (byte)'f',
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                (byte)'\v' => (byte)'v',
                _ => c,
            };
            text = text[(at + 1)..];
            at = text.IndexOfAny(_textSpecials);
        }
        text.CopyTo(span[written..]);
        output.Advance(written + text.Length);
    }

    private void Csv(ReadOnlySpan<byte> text, int column, MessageWriter output)
    {
        var quote = column >= 0 && _forceQuote[column];
        quote |= text.IndexOfAny(_csvSpecials) >= 0;
        quote |= column >= 0 && text.SequenceEqual(_options.NullBytes);
        // A lone \. in a one-column output would read back as the end-of-data marker.
        quote |= _singleColumn && text.SequenceEqual("\\."u8);
        if (!quote)
        {
            output.WriteBytes(text);
            return;
        }
        byte q = _options.Quote, e = _options.Escape;
        // Quotes around, and each byte at most doubled.
        var span = output.GetSpan(text.Length * 2 + 2);
        span[0] = q;
        var written = 1;
        while (true)
        {
            var at = q == e ? text.IndexOf(q) : text.IndexOfAny(q, e);
            if (at < 0)
                break;
            text[..at].CopyTo(span[written..]);
            written += at;
            span[written++] = e;
            span[written++] = text[at];
            text = text[(at + 1)..];
        }
        text.CopyTo(span[written..]);
        written += text.Length;
        span[written++] = q;
        output.Advance(written);
    }
}

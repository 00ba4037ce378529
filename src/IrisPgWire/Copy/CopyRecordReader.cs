using IrisPgWire.Errors;

namespace IrisPgWire.Copy;

/// <summary>
/// Cuts COPY input into records however the CopyData messages split it: it keeps what it has not
/// finished, learns the line ending from the first line and holds every later line to it, finds the
/// <c>\.</c> end marker, and in CSV keeps newlines inside quotes in the record
/// (copyfromparse.c, CopyReadLineText). Each record goes to <see cref="RecordHandler"/>.
/// </summary>
internal sealed class CopyRecordReader
{
    /// <summary>Called with each whole record (line ending removed) and its line number.</summary>
    public delegate void RecordHandler(ReadOnlySpan<byte> record, long lineNumber);

    private enum LineEnding
    {
        Unknown,
        Newline,
        CarriageReturn,
        CarriageReturnNewline,
    }

    private readonly CopyOptions _options;
    private readonly CopyInputBuffer _input = new();
    private int _scan;
    private bool _inQuote;
    private LineEnding _ending;

    /// <summary>
    /// End of the input found to be valid UTF-8, checked a run of whole lines at a time (a line ending is
    /// ASCII, so no character spans one); records that end before it need no check of their own.
    /// </summary>
    private int _utf8End;

    /// <summary>Whether the record being scanned has had a backslash (TEXT) or a quote or escape (CSV).</summary>
    private bool _escaped;

    /// <summary>False once a run failed the check: from there on each record is checked alone, so the error names its line.</summary>
    private bool _checkRuns = true;

    public CopyRecordReader(CopyOptions options) => _options = options;

    /// <summary>Lines read so far, the current one included.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// While the handler runs: false when the record has no backslash (TEXT) or no quote or escape (CSV),
    /// so it is its fields between delimiters as they are.
    /// </summary>
    public bool RecordMayBeEscaped { get; private set; } = true;

    /// <summary>While the handler runs: true when the record is already known to be valid UTF-8.</summary>
    public bool RecordIsUtf8 { get; private set; }

    /// <summary>True once the end marker was read; later input is ignored.</summary>
    public bool Ended { get; private set; }

    public void Feed(ReadOnlySpan<byte> data, RecordHandler handler)
    {
        if (Ended || data.IsEmpty)
            return;
        Append(data);
        Scan(handler, final: false);
    }

    /// <summary>The input is complete: a last record without a line ending is processed.</summary>
    public void Complete(RecordHandler handler)
    {
        if (Ended)
            return;
        Scan(handler, final: true);
        if (_input.Length > 0)
        {
            // What is left has no line ending; an open CSV quote takes everything to the end into the
            // record, line endings included, and the field parser then reports it unterminated.
            var record = _input.Slice(_input.Start, _input.Length);
            _input.Start = _scan = _input.End;
            Emit(record, known: false, handler, last: true);
        }
    }

    public void Release() => _input.Release();

    private void Append(ReadOnlySpan<byte> data)
    {
        var moved = _input.Append(data);
        _scan -= moved;
        _utf8End = Math.Max(0, _utf8End - moved);
        if (!_checkRuns)
            return;
        var from = Math.Max(_utf8End, _input.Start);
        var last = _input.Slice(from, _input.End - from).LastIndexOfAny((byte)'\n', (byte)'\r');
        if (last < 0)
            return;
        if (System.Text.Unicode.Utf8.IsValid(_input.Slice(from, last + 1)))
            _utf8End = from + last + 1;
        else
            _checkRuns = false;
    }

    private void Scan(RecordHandler handler, bool final)
    {
        var csv = _options.IsCsv;
        var quote = _options.Quote;
        var escape = _options.Escape;
        var specials = _options.RecordSpecials;
        while (_scan < _input.End && !Ended)
        {
            var span = _input.Slice(_scan, _input.End - _scan);
            var at = span.IndexOfAny(specials);
            if (at < 0)
            {
                _scan = _input.End;
                return;
            }
            var i = _scan + at;
            var c = _input[i];
            if (csv && (c == quote || c == escape))
            {
                _escaped = true;
                if (!_inQuote)
                {
                    // Outside quotes only the quote matters; the escape is an ordinary byte.
                    _inQuote = c == quote;
                    _scan = i + 1;
                    continue;
                }
                // Inside quotes: an escape before a quote (or before the escape) makes it literal; when
                // the escape is the quote itself, "" is a literal quote. Either way the next byte decides.
                if (i + 1 >= _input.End && !final)
                {
                    _scan = i;
                    return;
                }
                var following = i + 1 < _input.End ? _input[i + 1] : -1;
                if (c == escape && (following == quote || (escape != quote && following == escape)))
                {
                    _scan = i + 2;
                    continue;
                }
                if (c == quote)
                    _inQuote = false;
                _scan = i + 1;
                continue;
            }
            if (c == (byte)'\\')
            {
                _escaped = true;
                // TEXT: a backslash takes the next byte with it, so an escaped line ending does not end the line.
                if (i + 1 >= _input.End && !final)
                {
                    _scan = i;
                    return;
                }
                if (i > _input.Start && i + 1 < _input.End && _input[i + 1] == (byte)'.')
                {
                    // \. ends the data wherever it stands in a TEXT line; what came before it on the line is
                    // the last record (at the start of a line it is the marker line Emit knows).
                    if (i + 2 >= _input.End && !final)
                    {
                        _scan = i;
                        return;
                    }
                    var after = i + 2 < _input.End ? _input[i + 2] : -1;
                    // At the end of the input PostgreSQL finds no line ending after it either: corrupt.
                    if (after is not ((byte)'\n' or (byte)'\r'))
                    {
                        LineNumber++;
                        throw new PgErrorException(SqlState.BadCopyFileFormat, "end-of-copy marker corrupt");
                    }
                    var last = _input.Slice(_input.Start, i - _input.Start);
                    _input.Start = _scan = _input.End;
                    Emit(last, known: i <= _utf8End, handler);
                    Ended = true;
                    return;
                }
                _scan = Math.Min(i + 2, _input.End);
                continue;
            }
            if (_inQuote)
            {
                _scan = i + 1;
                continue;
            }
            // A line ending.
            int next;
            if (c == (byte)'\r')
            {
                if (i + 1 >= _input.End && !final)
                {
                    _scan = i;
                    return;
                }
                var crlf = i + 1 < _input.End && _input[i + 1] == (byte)'\n';
                if (_ending == LineEnding.Unknown)
                    _ending = crlf ? LineEnding.CarriageReturnNewline : LineEnding.CarriageReturn;
                else if (_ending == LineEnding.Newline || (_ending == LineEnding.CarriageReturnNewline && !crlf))
                    throw LineEndingError(carriageReturn: true);
                else if (_ending == LineEnding.CarriageReturn && crlf)
                    throw LineEndingError(carriageReturn: false);
                next = crlf ? i + 2 : i + 1;
            }
            else
            {
                if (_ending == LineEnding.Unknown)
                    _ending = LineEnding.Newline;
                else if (_ending != LineEnding.Newline)
                    throw LineEndingError(carriageReturn: false);
                next = i + 1;
            }
            var record = _input.Slice(_input.Start, i - _input.Start);
            _input.Start = _scan = next;
            Emit(record, known: i <= _utf8End, handler);
        }
    }

    /// <summary>
    /// Hands a record on, unless it is the end marker; <paramref name="known"/> says whether it lies in input
    /// already found to be valid UTF-8, <paramref name="last"/> that it ended with the input, not a line
    /// ending. There \. is no marker, as in copyfromparse.c (CopyReadLineText): TEXT calls it corrupt, CSV
    /// reads it as data.
    /// </summary>
    private void Emit(ReadOnlySpan<byte> record, bool known, RecordHandler handler, bool last = false)
    {
        LineNumber++;
        RecordIsUtf8 = known;
        RecordMayBeEscaped = _escaped;
        _escaped = false;
        if (record.Length >= 2 && record[0] == (byte)'\\' && record[1] == (byte)'.')
        {
            if (record.Length == 2 && !last)
            {
                Ended = true;
                return;
            }
            if (!_options.IsCsv)
                throw new PgErrorException(SqlState.BadCopyFileFormat, "end-of-copy marker corrupt");
        }
        handler(record, LineNumber);
    }

    private PgErrorException LineEndingError(bool carriageReturn)
    {
        LineNumber++;
        var csv = _options.IsCsv;
        return (csv, carriageReturn) switch
        {
            (false, true) => new PgErrorException(SqlState.BadCopyFileFormat, "literal carriage return found in data",
                hint: "Use \"\\r\" to represent carriage return."),
            (false, false) => new PgErrorException(SqlState.BadCopyFileFormat, "literal newline found in data",
                hint: "Use \"\\n\" to represent newline."),
            (true, true) => new PgErrorException(SqlState.BadCopyFileFormat, "unquoted carriage return found in data",
                hint: "Use quoted CSV field to represent carriage return."),
            (true, false) => new PgErrorException(SqlState.BadCopyFileFormat, "unquoted newline found in data",
                hint: "Use quoted CSV field to represent newline."),
        };
    }
}

using System.Text;
using IrisPgWire.Copy;
using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Tests.Unit.Copy;

/// <summary>
/// The record reader and field parser on their own. Every input is also fed split at every byte offset
/// and one byte at a time: the decoded rows (or the error) must not depend on where CopyData messages cut it.
/// </summary>
public class CopyDecoderTests
{
    private static CopyOptions Options(string with = "") =>
        CopyOptions.From(CopyStatementParser.Parse("COPY t FROM STDIN " + with).Options, isFrom: true);

    /// <summary>Rows as "line:field|field" with NULL shown as ∅, or "error: SQLSTATE message".</summary>
    private static List<string> Decode(CopyOptions options, params byte[][] chunks)
    {
        var rows = new List<string>();
        var reader = new CopyRecordReader(options);
        var row = new CopyRow();
        void OnRecord(ReadOnlySpan<byte> record, long line)
        {
            row.Clear();
            if (options.IsCsv)
                CopyFieldParser.ParseCsv(record, options, row, reader.RecordMayBeEscaped);
            else
                CopyFieldParser.ParseText(record, options, row, reader.RecordMayBeEscaped);
            var fields = Enumerable.Range(0, row.FieldCount).Select(i => row.IsNull(i) ? "∅" : Encoding.UTF8.GetString(row.Field(i)));
            rows.Add($"{line}:{string.Join("|", fields)}");
        }
        try
        {
            foreach (var chunk in chunks)
                reader.Feed(chunk, OnRecord);
            reader.Complete(OnRecord);
        }
        catch (PgErrorException e)
        {
            rows.Add($"error: {e.SqlState} {e.Message}");
        }
        finally
        {
            reader.Release();
        }
        return rows;
    }

    private static List<string> DecodeEverySplit(CopyOptions options, string input)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        var whole = Decode(options, bytes);
        for (var split = 0; split <= bytes.Length; split++)
            Assert.Equal(whole, Decode(options, bytes[..split], bytes[split..]));
        Assert.Equal(whole, Decode(options, [.. bytes.Select(b => new[] { b })]));
        return whole;
    }

    [Fact]
    public void Text_rows_split_anywhere_decode_the_same()
    {
        var rows = DecodeEverySplit(Options(), "1\tone\n2\t\\N\n3\ta\\tb\\\\c\\x41\\101\n");
        Assert.Equal(["1:1|one", "2:2|∅", "3:3|a\tb\\cAA"], rows);
    }

    [Fact]
    public void Text_crlf_line_endings_are_stripped()
    {
        Assert.Equal(["1:1|a", "2:2|b"], DecodeEverySplit(Options(), "1\ta\r\n2\tb\r\n"));
    }

    [Fact]
    public void Text_bare_carriage_return_after_newline_lines_is_refused_with_the_hint()
    {
        var rows = DecodeEverySplit(Options(), "1\ta\n2\tb\rc\n");
        Assert.Equal("error: 22P04 literal carriage return found in data", rows[^1]);
    }

    [Fact]
    public void Text_newline_after_crlf_lines_is_refused()
    {
        var rows = DecodeEverySplit(Options(), "1\ta\r\n2\tb\n");
        Assert.Equal("error: 22P04 literal newline found in data", rows[^1]);
    }

    [Fact]
    public void Text_end_marker_stops_reading_and_ignores_the_rest()
    {
        Assert.Equal(["1:1|a"], DecodeEverySplit(Options(), "1\ta\n\\.\n2\tb\n"));
    }

    [Fact]
    public void Text_end_marker_in_the_middle_of_a_line_ends_the_data_after_what_precedes_it()
    {
        Assert.Equal(["1:1|a", "2:2|b"], DecodeEverySplit(Options(), "1\ta\n2\tb\\.\n3\tc\n"));
        // At the very end of the input, with no line ending after it, PostgreSQL calls it corrupt.
        Assert.Equal(["1:1|a", "error: 22P04 end-of-copy marker corrupt"], DecodeEverySplit(Options(), "1\ta\n2\tb\\."));
        Assert.Equal(["1:1|a", "error: 22P04 end-of-copy marker corrupt"], DecodeEverySplit(Options(), "1\ta\n\\."));
        Assert.Equal(["1:1|a\\.b"], DecodeEverySplit(Options(), "1\ta\\\\.b\n"));
        Assert.Equal(["1:1|a", "error: 22P04 end-of-copy marker corrupt"], DecodeEverySplit(Options(), "1\ta\n2\tb\\.c\n"));
    }

    [Fact]
    public void Text_end_marker_followed_by_data_is_corrupt()
    {
        Assert.Equal(["1:1|a", "error: 22P04 end-of-copy marker corrupt"], DecodeEverySplit(Options(), "1\ta\n\\.x\n"));
    }

    [Fact]
    public void Text_null_is_matched_before_escapes_are_processed()
    {
        // "\\N" (an escaped backslash then N) is the two characters \N, not NULL.
        Assert.Equal(["1:\\N|∅"], DecodeEverySplit(Options(), "\\\\N\t\\N\n"));
    }

    [Fact]
    public void Text_last_line_without_newline_is_a_row()
    {
        Assert.Equal(["1:1|a", "2:2|b"], DecodeEverySplit(Options(), "1\ta\n2\tb"));
    }

    [Fact]
    public void Text_multibyte_characters_split_across_chunks_survive()
    {
        Assert.Equal(["1:日本|😀"], DecodeEverySplit(Options(), "日本\t😀\n"));
    }

    [Fact]
    public void Csv_quoted_fields_with_delimiters_quotes_and_newlines_split_anywhere_decode_the_same()
    {
        var rows = DecodeEverySplit(Options("WITH (FORMAT csv)"), "1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"x\r\ny\"\n4,\n5,\"\"\n");
        Assert.Equal(["1:1|a,b", "2:2|say \"hi\"", "3:3|x\r\ny", "4:4|∅", "5:5|"], rows);
    }

    [Fact]
    public void Csv_custom_escape_before_quote_is_literal()
    {
        var rows = DecodeEverySplit(Options("WITH (FORMAT csv, QUOTE '''', ESCAPE '\\')"), "1,'it\\'s'\n2,'a\\\\b'\n3,'a\\b'\n");
        Assert.Equal(["1:1|it's", "2:2|a\\b", "3:3|a\\b"], rows);
    }

    [Fact]
    public void Csv_unterminated_quote_is_an_error()
    {
        Assert.Equal(["error: 22P04 unterminated CSV quoted field"], DecodeEverySplit(Options("WITH (FORMAT csv)"), "1,\"abc\n2,x\n"));
    }

    [Fact]
    public void Csv_quoted_null_string_is_not_null()
    {
        Assert.Equal(["1:NA|NA|∅"], DecodeEverySplit(Options("WITH (FORMAT csv, NULL 'NA')"), "\"NA\",N\"A\",NA\n"));
    }

    [Fact]
    public void Csv_end_marker_alone_ends_the_data()
    {
        Assert.Equal(["1:1|a"], DecodeEverySplit(Options("WITH (FORMAT csv)"), "1,a\n\\.\n2,b\n"));
    }

    [Fact]
    public void Csv_lines_count_records_so_a_quoted_newline_does_not_add_a_line()
    {
        Assert.Equal(["1:a\nb", "2:c"], DecodeEverySplit(Options("WITH (FORMAT csv)"), "\"a\nb\"\nc\n"));
    }
}

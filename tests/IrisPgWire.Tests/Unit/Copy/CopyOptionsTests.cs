using IrisPgWire.Copy;
using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Tests.Unit.Copy;

public class CopyOptionsTests
{
    private static CopyOptions From(string copy) => CopyOptions.From(CopyStatementParser.Parse(copy).Options, isFrom: true);

    [Fact]
    public void Text_defaults_are_tab_and_backslash_N()
    {
        var o = From("COPY t FROM STDIN");
        Assert.Equal(CopyFormat.Text, o.Format);
        Assert.Equal((byte)'\t', o.Delimiter);
        Assert.Equal("\\N", o.Null);
    }

    [Fact]
    public void Csv_defaults_are_comma_empty_string_and_double_quote_for_quote_and_escape()
    {
        var o = From("COPY t FROM STDIN WITH (FORMAT csv)");
        Assert.Equal((byte)',', o.Delimiter);
        Assert.Equal("", o.Null);
        Assert.Equal((byte)'"', o.Quote);
        Assert.Equal((byte)'"', o.Escape);
    }

    [Fact]
    public void Legacy_and_modern_forms_mean_the_same()
    {
        var legacy = From("COPY t FROM STDIN WITH CSV HEADER DELIMITER AS ';' NULL AS 'x' QUOTE AS '''' FORCE NOT NULL a, b");
        Assert.Equal(CopyFormat.Csv, legacy.Format);
        Assert.Equal(CopyHeader.Present, legacy.Header);
        Assert.Equal((byte)';', legacy.Delimiter);
        Assert.Equal("x", legacy.Null);
        Assert.Equal((byte)'\'', legacy.Quote);
        Assert.Equal(["a", "b"], legacy.ForceNotNull!);
    }

    [Theory]
    [InlineData("COPY t FROM STDIN WITH (FORMAT csv, FORMAT csv)", "42601", "conflicting or redundant options")]
    [InlineData("COPY t FROM STDIN WITH (DELIMITER '||')", "0A000", "COPY delimiter must be a single one-byte character")]
    [InlineData("COPY t FROM STDIN WITH (DELIMITER E'\\r')", "22023", "COPY delimiter cannot be newline or carriage return")]
    [InlineData("COPY t FROM STDIN WITH (HEADER maybe)", "42601", "header requires a Boolean value or \"match\"")]
    [InlineData("COPY t FROM STDIN WITH (FORMAT binary, NULL 'x')", "42601", "cannot specify NULL in BINARY mode")]
    public void Invalid_options_fail_as_PostgreSQL_15_does(string copy, string sqlState, string message)
    {
        // Expected SQLSTATEs and texts checked against PostgreSQL 15 with psql.
        var e = Assert.Throws<PgErrorException>(() => From(copy));
        Assert.Equal(sqlState, e.SqlState);
        Assert.Equal(message, e.Message);
    }
}

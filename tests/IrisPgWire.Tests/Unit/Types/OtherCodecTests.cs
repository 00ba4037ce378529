using IrisPgWire.Errors;
using IrisPgWire.Types;
using static IrisPgWire.Tests.Unit.Types.CodecTestHelper;

namespace IrisPgWire.Tests.Unit.Types;

// Expected outputs and messages were taken from PostgreSQL 15 (psql against a scratch server).
public class OtherCodecTests
{
    [Theory]
    [InlineData("a\\\\b\\001", "\\x615c6201")]
    [InlineData("\\x DE ad", "\\xdead")]
    public void Bytea_reads_hex_and_escape_input(string input, string expected) =>
        Assert.Equal(expected, RoundTrip(PgTypeCatalog.Bytea, input));

    [Fact]
    public void Bytea_prints_escape_format_when_asked() =>
        Assert.Equal("a\\\\b\\001\\303\\251", Text(PgTypeCatalog.Bytea, Parse(PgTypeCatalog.Bytea, "a\\\\b\\001é"),
            PgFormatSettings.Default with { ByteaOutputHex = false }));

    [Theory]
    [InlineData("\\xzz", "22023", "invalid hexadecimal digit: \"z\"")]
    [InlineData("\\x123", "22023", "invalid hexadecimal data: odd number of digits")]
    [InlineData("a\\9", "22P02", "invalid input syntax for type bytea")]
    public void Bytea_errors_match_postgresql(string input, string state, string message)
    {
        var e = Error(PgTypeCatalog.Bytea, input);
        Assert.Equal(state, e.SqlState);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}")]
    [InlineData("a0eebc999c0b4ef8bb6d6bb9bd380a11")]
    [InlineData("a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11")]
    public void Uuid_reads_postgresql_input_forms(string input) =>
        Assert.Equal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", RoundTrip(PgTypeCatalog.Uuid, input));

    [Theory]
    [InlineData("x")]
    [InlineData("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1")]
    [InlineData("{a0eebc999c0b4ef8bb6d6bb9bd380a11")]
    public void Uuid_rejects_bad_input(string input) =>
        Assert.Equal($"invalid input syntax for type uuid: \"{input}\"", Error(PgTypeCatalog.Uuid, input).Message);

    [Fact]
    public void Jsonb_is_normalized_as_postgresql_prints_it() =>
        Assert.Equal("{\"a\": \"xé\\n\", \"b\": 1, \"c\": \"\\u0001q\\\"\", \"aa\": {}}",
            RoundTrip(PgTypeCatalog.Jsonb, "{\"b\":1, \"a\": [1, 2.50, 1e2, true, null], \"a\":\"x\\u00e9\\n\", \"aa\": {}, \"c\": \"\\u0001q\\\"\"}"));

    [Fact]
    public void Jsonb_prints_numbers_as_numeric() =>
        Assert.Equal("[1, 2.50, 100, true, null]", RoundTrip(PgTypeCatalog.Jsonb, "[1,2.50,1e2,true,null]"));

    [Fact]
    public void Json_is_kept_as_written() =>
        Assert.Equal(" {\"b\":1,  \"a\":2} ", RoundTrip(PgTypeCatalog.Json, " {\"b\":1,  \"a\":2} "));

    [Fact]
    public void Invalid_json_reports_end_of_input_like_postgresql()
    {
        var e = Error(PgTypeCatalog.Json, "[1,2");
        Assert.Equal(SqlState.InvalidTextRepresentation, e.SqlState);
        Assert.Equal("invalid input syntax for type json", e.Message);
        Assert.Equal("The input string ended unexpectedly.", e.Detail);
        Assert.Equal("JSON data, line 1: [1,2", e.Context);
    }

    [Fact]
    public void Invalid_json_token_is_named_like_postgresql() =>
        Assert.Equal("Token \"x\" is invalid.", Error(PgTypeCatalog.Jsonb, "x").Detail);

    [Theory]
    [InlineData("_int4", "{1,NULL,3}", "{1,NULL,3}")]
    [InlineData("_timestamptz", "{\"2024-01-01 10:00:00+02\"}", "{\"2024-01-01 08:00:00+00\"}")]
    [InlineData("_bytea", "{\"\\\\x0102\"}", "{\"\\\\x0102\"}")]
    [InlineData("_float8", "{1.5,NaN}", "{1.5,NaN}")]
    [InlineData("_text", "{1,2,NULL,\"a b\",\"\",\"NULL\",\"x\\\\\\\\y\",\"q\\\"\"}", "{1,2,NULL,\"a b\",\"\",\"NULL\",\"x\\\\\\\\y\",\"q\\\"\"}")]
    [InlineData("_int4", "[0:1]={1,2}", "[0:1]={1,2}")]
    [InlineData("_int4", "{{1,2},{3,4}}", "{{1,2},{3,4}}")]
    [InlineData("_int4", "{}", "{}")]
    [InlineData("_int4", "{ 1 , 2 }", "{1,2}")]
    [InlineData("_text", "{a b, c ,\" d \"}", "{\"a b\",c,\" d \"}")]
    [InlineData("_text", "[0:1][1:1]={{a},{b}}", "[0:1][1:1]={{a},{b}}")]
    [InlineData("_numeric", "{1.50,2e3}", "{1.50,2000}")]
    [InlineData("_text", "{a\\b}", "{ab}")]
    public void Arrays_print_with_postgresql_quoting(string type, string input, string expected)
    {
        Assert.True(PgTypeCatalog.TryGetByName(type, out var t));
        Assert.Equal(expected, RoundTrip(t, input));
    }

    [Theory]
    [InlineData("{1,2", "Unexpected end of input.")]
    [InlineData("{{1},{2,3}}", "Multidimensional arrays must have sub-arrays with matching dimensions.")]
    [InlineData("1,2", "Array value must start with \"{\" or dimension information.")]
    [InlineData("{1,{2}}", "Unexpected \"{\" character.")]
    [InlineData("{\"a}", "Unexpected end of input.")]
    [InlineData("{1}}", "Junk after closing right brace.")]
    [InlineData("[1:2]={1}", "Specified array dimensions do not match array contents.")]
    [InlineData("{{},{}}", "Unexpected \"}\" character.")]
    [InlineData("{1,,2}", "Unexpected \",\" character.")]
    [InlineData("{ \"a\" b}", "Unexpected array element.")]
    public void Malformed_arrays_report_postgresql_details(string input, string detail)
    {
        var e = Error(PgTypeCatalog.TextArray, input);
        Assert.Equal(SqlState.InvalidTextRepresentation, e.SqlState);
        Assert.Equal($"malformed array literal: \"{input}\"", e.Message);
        Assert.Equal(detail, e.Detail);
    }

    [Fact]
    public void Int_array_binary_matches_array_send()
    {
        const string Hex = "00000002000000010000001700000002000000010000000200000001000000040000000100000004000000020000000400000003ffffffff";
        var value = Parse(PgTypeCatalog.Int4Array, "{{1,2},{3,NULL}}");
        Assert.Equal(Hex, Convert.ToHexStringLower(Binary(PgTypeCatalog.Int4Array, value)));
        Assert.Equal(value, PgCodecs.For(PgTypeCatalog.Int4Array).ParseBinary(CodecTestHelper.Hex(Hex), -1));
    }

    [Fact]
    public void Every_catalogue_type_has_a_codec()
    {
        foreach (var type in PgTypeCatalog.All)
            Assert.NotNull(PgCodecs.For(type));
    }
}

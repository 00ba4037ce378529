using IrisPgWire.Errors;
using IrisPgWire.Types;
using static IrisPgWire.Tests.Unit.Types.CodecTestHelper;

namespace IrisPgWire.Tests.Unit.Types;

// Expected outputs and messages were taken from PostgreSQL 15 (psql against a scratch server).
public class NumberCodecTests
{
    [Theory]
    [InlineData("t", "t")]
    [InlineData("yes", "t")]
    [InlineData("of", "f")]
    [InlineData(" t ", "t")]
    [InlineData("TRUE", "t")]
    [InlineData("1", "t")]
    [InlineData("off", "f")]
    [InlineData("n", "f")]
    [InlineData("on", "t")]
    public void Boolean_spellings_read_as_postgresql_reads_them(string input, string expected) =>
        Assert.Equal(expected, RoundTrip(PgTypeCatalog.Bool, input));

    [Theory]
    [InlineData("x")]
    [InlineData("o")]
    [InlineData("")]
    [InlineData("truex")]
    public void Boolean_rejects_bad_spellings(string input)
    {
        var e = Error(PgTypeCatalog.Bool, input);
        Assert.Equal(SqlState.InvalidTextRepresentation, e.SqlState);
        Assert.Equal($"invalid input syntax for type boolean: \"{input}\"", e.Message);
    }

    [Theory]
    [InlineData("int4", "  12  ", "12")]
    [InlineData("int2", "+5", "5")]
    [InlineData("int8", "-0", "0")]
    [InlineData("int8", "-9223372036854775808", "-9223372036854775808")]
    [InlineData("int4", "2147483647", "2147483647")]
    [InlineData("int2", "-32768", "-32768")]
    [InlineData("oid", "-1", "4294967295")]
    [InlineData("oid", "4294967295", "4294967295")]
    public void Integers_round_trip(string type, string input, string expected)
    {
        Assert.True(PgTypeCatalog.TryGetByName(type, out var t));
        Assert.Equal(expected, RoundTrip(t, input));
    }

    [Theory]
    [InlineData("int4", "abc", "22P02", "invalid input syntax for type integer: \"abc\"")]
    [InlineData("int4", "", "22P02", "invalid input syntax for type integer: \"\"")]
    [InlineData("int4", "1.5", "22P02", "invalid input syntax for type integer: \"1.5\"")]
    [InlineData("int4", "99999999999", "22003", "value \"99999999999\" is out of range for type integer")]
    [InlineData("int2", "40000", "22003", "value \"40000\" is out of range for type smallint")]
    [InlineData("int8", "9223372036854775808", "22003", "value \"9223372036854775808\" is out of range for type bigint")]
    [InlineData("oid", "4294967296", "22003", "value \"4294967296\" is out of range for type oid")]
    public void Integer_errors_match_postgresql(string type, string input, string state, string message)
    {
        Assert.True(PgTypeCatalog.TryGetByName(type, out var t));
        var e = Error(t, input);
        Assert.Equal(state, e.SqlState);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e20", "1e+20")]
    [InlineData("1.5e-7", "1.5e-07")]
    [InlineData("123456789012345678", "1.2345678901234568e+17")]
    [InlineData("1e15", "1e+15")]
    [InlineData("1e14", "100000000000000")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("3.141592653589793", "3.141592653589793")]
    [InlineData("2.2250738585072014e-308", "2.2250738585072014e-308")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("-0", "-0")]
    [InlineData("100", "100")]
    [InlineData("123.456", "123.456")]
    [InlineData("1e22", "1e+22")]
    [InlineData("12345678901234567890", "1.2345678901234567e+19")]
    [InlineData("1.0000000000000002", "1.0000000000000002")]
    [InlineData("9007199254740993", "9.007199254740992e+15")]
    [InlineData("inf", "Infinity")]
    [InlineData("-Infinity", "-Infinity")]
    [InlineData("nan", "NaN")]
    public void Double_prints_shortest_round_trip(string input, string expected) =>
        Assert.Equal(expected, RoundTrip(PgTypeCatalog.Float8, input));

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("1e6", "1e+06")]
    [InlineData("123456", "123456")]
    [InlineData("1234567", "1.234567e+06")]
    [InlineData("3.4e38", "3.4e+38")]
    [InlineData("1e-5", "1e-05")]
    [InlineData("3.14159274", "3.1415927")]
    [InlineData("16777217", "1.6777216e+07")]
    [InlineData("1.17549435e-38", "1.1754944e-38")]
    [InlineData("100000", "100000")]
    public void Real_prints_shortest_round_trip(string input, string expected) =>
        Assert.Equal(expected, RoundTrip(PgTypeCatalog.Float4, input));

    [Theory]
    [InlineData(0, "0.1", "0.1", "0.1")]
    [InlineData(0, "1e20", "1e+20", "1e+20")]
    [InlineData(0, "0.3333333333333333", "0.333333333333333", "0.333333")]
    [InlineData(0, "1e14", "100000000000000", "1e+14")]
    [InlineData(0, "123456.7", "123456.7", "123457")]
    [InlineData(0, "1234567", "1234567", "1.23457e+06")]
    [InlineData(0, "3.141592653589793", "3.14159265358979", "3.14159")]
    [InlineData(-3, "3.141592653589793", "3.14159265359", "3.14")]
    [InlineData(-3, "123456.7", "123456.7", "1.23e+05")]
    public void Floats_use_printf_g_when_extra_float_digits_is_not_positive(int extra, string input, string f8, string f4)
    {
        var settings = PgFormatSettings.Default with { ExtraFloatDigits = extra };
        Assert.Equal(f8, Text(PgTypeCatalog.Float8, Parse(PgTypeCatalog.Float8, input), settings));
        Assert.Equal(f4, Text(PgTypeCatalog.Float4, Parse(PgTypeCatalog.Float4, input), settings));
    }

    [Theory]
    [InlineData("float8", "abc", "22P02", "invalid input syntax for type double precision: \"abc\"")]
    [InlineData("float8", "1e400", "22003", "\"1e400\" is out of range for type double precision")]
    [InlineData("float8", "1e-400", "22003", "\"1e-400\" is out of range for type double precision")]
    [InlineData("float4", "1e39", "22003", "\"1e39\" is out of range for type real")]
    public void Float_errors_match_postgresql(string type, string input, string state, string message)
    {
        Assert.True(PgTypeCatalog.TryGetByName(type, out var t));
        var e = Error(t, input);
        Assert.Equal(state, e.SqlState);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.000", "0.000")]
    [InlineData("1.50e1", "15.0")]
    [InlineData("1e-3", "0.001")]
    [InlineData("1.5e3", "1500")]
    [InlineData("000123.4500", "123.4500")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("-12.345", "-12.345")]
    [InlineData("1e-20", "0.00000000000000000001")]
    [InlineData("123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789")]
    [InlineData("NaN", "NaN")]
    [InlineData("-inf", "-Infinity")]
    [InlineData("infinity", "Infinity")]
    [InlineData("  7  ", "7")]
    [InlineData("1E+2", "100")]
    [InlineData("-1.5E-2", "-0.015")]
    public void Numeric_keeps_display_scale(string input, string expected) =>
        Assert.Equal(expected, RoundTrip(PgTypeCatalog.Numeric, input));

    [Theory]
    [InlineData("123.456", 5, 2, "123.46")]
    [InlineData("2.5", 2, 0, "3")]
    [InlineData("-2.5", 2, 0, "-3")]
    [InlineData("12345", 5, -2, "12300")]
    [InlineData("0.0000", 3, 1, "0.0")]
    [InlineData("1e-20", 3, 2, "0.00")]
    [InlineData("0.001", 3, 5, "0.00100")]
    [InlineData("99.994", 5, 2, "99.99")]
    [InlineData("-0.004", 3, 2, "0.00")]
    [InlineData("15", 2, -1, "20")]
    [InlineData("1234.5", 7, -3, "1000")]
    [InlineData("0.5", 1, 0, "1")]
    [InlineData("9.99", 3, 1, "10.0")]
    [InlineData("99.995", 5, 2, "100.00")]
    public void Numeric_modifier_rounds_half_away_from_zero(string input, int p, int s, string expected) =>
        Assert.Equal(expected, RoundTrip(PgTypeCatalog.Numeric, input, ((p << 16) | (s & 0x7FF)) + 4));

    [Theory]
    [InlineData("1234.5", 5, 2, "A field with precision 5, scale 2 must round to an absolute value less than 10^3.")]
    [InlineData("-999.996", 5, 2, "A field with precision 5, scale 2 must round to an absolute value less than 10^3.")]
    [InlineData("1", 3, 3, "A field with precision 3, scale 3 must round to an absolute value less than 1.")]
    [InlineData("0.01", 3, 5, "A field with precision 3, scale 5 must round to an absolute value less than 10^-2.")]
    [InlineData("inf", 3, 1, "A field with precision 3, scale 1 cannot hold an infinite value.")]
    public void Numeric_overflow_reports_postgresql_detail(string input, int p, int s, string detail)
    {
        var e = Error(PgTypeCatalog.Numeric, input, ((p << 16) | (s & 0x7FF)) + 4);
        Assert.Equal(SqlState.NumericValueOutOfRange, e.SqlState);
        Assert.Equal("numeric field overflow", e.Message);
        Assert.Equal(detail, e.Detail);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    public void Numeric_rejects_bad_syntax(string input) =>
        Assert.Equal($"invalid input syntax for type numeric: \"{input}\"", Error(PgTypeCatalog.Numeric, input).Message);

    [Theory]
    [InlineData("0", "0000000000000000")]
    [InlineData("0.00", "0000000000000002")]
    [InlineData("123.45", "0002000000000002007b1194")]
    [InlineData("-1.5", "000200004000000100011388")]
    [InlineData("10000", "00010001000000000001")]
    [InlineData("1e-8", "0001fffe000000080001")]
    [InlineData("NaN", "00000000c0000000")]
    [InlineData("Infinity", "00000000d0000020")]
    [InlineData("-Infinity", "00000000f0000020")]
    [InlineData("12345678.9", "000300010000000104d2162e2328")]
    [InlineData("0.0001", "0001ffff000000040001")]
    public void Numeric_binary_matches_numeric_send(string input, string hex)
    {
        var value = Parse(PgTypeCatalog.Numeric, input);
        Assert.Equal(hex, Convert.ToHexStringLower(Binary(PgTypeCatalog.Numeric, value)));
        Assert.Equal(value, PgCodecs.For(PgTypeCatalog.Numeric).ParseBinary(Hex(hex), -1));
    }

    [Fact]
    public void Coerce_widens_and_checks_range()
    {
        Assert.Equal(5L, PgCodecs.For(PgTypeCatalog.Int8).Coerce(5, -1));
        Assert.Equal("12.50", PgCodecs.For(PgTypeCatalog.Numeric).Coerce(12.5m, ((5 << 16) | 2) + 4));
        Assert.Throws<PgErrorException>(() => PgCodecs.For(PgTypeCatalog.Int2).Coerce(70000, -1));
    }
}

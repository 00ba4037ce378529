using IrisPgWire.Errors;
using IrisPgWire.Types;
using static IrisPgWire.Tests.Unit.Types.CodecTestHelper;

namespace IrisPgWire.Tests.Unit.Types;

// Expected outputs and messages were taken from PostgreSQL 15 (psql against a scratch server).
public class TextCodecTests
{
    [Fact]
    public void Varchar_cuts_trailing_spaces_beyond_its_length() =>
        Assert.Equal("ab ", RoundTrip(PgTypeCatalog.Varchar, "ab   ", 3 + 4));

    [Fact]
    public void Char_pads_with_spaces_and_cuts_trailing_spaces()
    {
        Assert.Equal("a  ", RoundTrip(PgTypeCatalog.Bpchar, "a", 3 + 4));
        Assert.Equal("ab ", RoundTrip(PgTypeCatalog.Bpchar, "ab   ", 3 + 4));
    }

    [Fact]
    public void Varchar_length_counts_characters_not_bytes() =>
        Assert.Equal("éèà", RoundTrip(PgTypeCatalog.Varchar, "éèà", 3 + 4));

    [Theory]
    [InlineData("varchar", "12345", "value too long for type character varying(3)")]
    [InlineData("bpchar", "ab c", "value too long for type character(3)")]
    public void Too_long_values_raise_22001(string type, string input, string message)
    {
        Assert.True(PgTypeCatalog.TryGetByName(type, out var t));
        var e = Error(t, input, 3 + 4);
        Assert.Equal(SqlState.StringDataRightTruncation, e.SqlState);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Invalid_utf8_raises_22021_with_the_bad_bytes()
    {
        var e = Assert.Throws<PgErrorException>(() =>
            PgCodecs.For(PgTypeCatalog.Text).ParseText([0x61, 0xC3, 0x28], -1, PgFormatSettings.Default));
        Assert.Equal(SqlState.CharacterNotInRepertoire, e.SqlState);
        Assert.Equal("invalid byte sequence for encoding \"UTF8\": 0xc3 0x28", e.Message);
    }

    [Fact]
    public void Name_is_cut_to_63_bytes() =>
        Assert.Equal(new string('x', 63), RoundTrip(PgTypeCatalog.Name, new string('x', 70)));
}

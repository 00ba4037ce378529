using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Tests.Unit.Sql;

public class PgLexerTests
{
    private static (SqlTokenKind Kind, string Value)[] Lex(string sql) =>
        PgLexer.Tokenize(sql).Select(t => (t.Kind, t.Value)).ToArray();

    private static PgErrorException LexError(string sql) =>
        Assert.Throws<PgErrorException>(() => PgLexer.Tokenize(sql));

    [Fact]
    public void Unquoted_identifiers_fold_to_lower_case_and_quoted_ones_keep_case()
    {
        Assert.Equal(
            [(SqlTokenKind.Identifier, "select"), (SqlTokenKind.QuotedIdentifier, "A\"b"), (SqlTokenKind.Identifier, "foo_1$")],
            Lex("SELECT \"A\"\"b\" FOO_1$"));
    }

    [Fact]
    public void Non_ascii_letters_are_identifier_characters_and_are_not_folded()
    {
        var tokens = PgLexer.Tokenize("SELECT ÄBCÉ, 名前");
        Assert.Equal("ÄbcÉ", tokens[1].Value);
        Assert.Equal("名前", tokens[3].Value);
        Assert.Equal(SqlTokenKind.Identifier, tokens[3].Kind);
    }

    [Fact]
    public void Is_keyword_matches_only_unquoted_identifiers()
    {
        var tokens = PgLexer.Tokenize("Begin \"begin\"");
        Assert.True(tokens[0].IsKeyword("begin"));
        Assert.False(tokens[1].IsKeyword("begin"));
    }

    [Fact]
    public void Start_and_length_cover_the_token_as_written()
    {
        var tokens = PgLexer.Tokenize("  x = 'a''b'");
        Assert.Equal((2, 1), (tokens[0].Start, tokens[0].Length));
        Assert.Equal((6, 6), (tokens[2].Start, tokens[2].Length));
        Assert.Equal("a'b", tokens[2].Value);
    }

    [Fact]
    public void Standard_strings_keep_backslashes()
    {
        Assert.Equal([(SqlTokenKind.String, "a\\n")], Lex("'a\\n'"));
    }

    [Fact]
    public void Strings_separated_by_a_newline_continue_and_by_spaces_or_block_comments_do_not()
    {
        Assert.Equal([(SqlTokenKind.String, "ab")], Lex("'a'\n 'b'"));
        Assert.Equal([(SqlTokenKind.String, "ab")], Lex("'a' -- c\n'b'"));
        Assert.Equal([(SqlTokenKind.String, "ab")], Lex("'a'\n-- c\n 'b'"));
        Assert.Equal([(SqlTokenKind.String, "a"), (SqlTokenKind.String, "b")], Lex("'a'  'b'"));
        Assert.Equal([(SqlTokenKind.String, "a"), (SqlTokenKind.String, "b")], Lex("'a' /* c */\n'b'"));
    }

    [Fact]
    public void Continued_escape_string_applies_escapes_in_every_part()
    {
        Assert.Equal([(SqlTokenKind.String, "a\n\n")], Lex("E'a\\n'\n'\\n'"));
    }

    [Theory]
    [InlineData(@"E'\b\f\n\r\t'", "\b\f\n\r\t")]
    [InlineData(@"E'\x41\u0042\101'", "ABA")]
    [InlineData(@"E'\b\v\q'", "\bvq")]
    [InlineData(@"E'it\'s'", "it's")]
    [InlineData(@"e'it''s'", "it's")]
    [InlineData(@"E'\\'", "\\")]
    [InlineData(@"E'\x'", "x")]
    [InlineData(@"E'\uD800\uDC00'", "\U00010000")]
    [InlineData(@"E'\U0001F600'", "\U0001F600")]
    [InlineData(@"E'\303\251'", "é")]
    [InlineData(@"E'\xc3\xa9'", "é")]
    public void Escape_strings_decode_every_backslash_escape(string sql, string expected)
    {
        var token = Assert.Single(PgLexer.Tokenize(sql));
        Assert.Equal(SqlTokenKind.String, token.Kind);
        Assert.Equal(expected, token.Value);
    }

    [Theory]
    [InlineData(@"select E'\0'", "invalid byte sequence for encoding \"UTF8\": 0x00")]
    [InlineData(@"select E'\400'", "invalid byte sequence for encoding \"UTF8\": 0x00")]
    [InlineData(@"select E'\xff'", "invalid byte sequence for encoding \"UTF8\": 0xff")]
    public void Escape_strings_that_are_not_utf8_are_rejected(string sql, string message)
    {
        var error = LexError(sql);
        Assert.Equal(SqlState.CharacterNotInRepertoire, error.SqlState);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Short_unicode_escape_is_invalid_at_the_backslash()
    {
        var error = LexError(@"select E'\u00'");
        Assert.Equal((SqlState.InvalidEscapeSequence, "invalid Unicode escape", 10), (error.SqlState, error.Message, error.Position));
    }

    [Fact]
    public void Unicode_strings_decode_escapes_and_honour_uescape()
    {
        Assert.Equal([(SqlTokenKind.String, "data")], Lex(@"U&'d\0061t\+000061'"));
        Assert.Equal([(SqlTokenKind.String, "dat")], Lex("U&'d!0061t' UESCAPE '!'"));
        Assert.Equal([(SqlTokenKind.QuotedIdentifier, "data")], Lex(@"u&""d\0061t\+000061"""));
    }

    [Fact]
    public void National_strings_are_strings()
    {
        Assert.Equal([(SqlTokenKind.String, "abc")], Lex("N'abc'"));
    }

    [Fact]
    public void Bit_strings_are_kept_as_written()
    {
        Assert.Equal([(SqlTokenKind.BitString, "B'0101'"), (SqlTokenKind.BitString, "x'1F'")], Lex("B'0101' x'1F'"));
    }

    [Fact]
    public void Prefix_letters_inside_an_identifier_do_not_start_a_string()
    {
        Assert.Equal([(SqlTokenKind.Identifier, "xe"), (SqlTokenKind.String, "a")], Lex("xe'a'"));
    }

    [Theory]
    [InlineData("$$a;b$$", "a;b")]
    [InlineData("$tag$a$$b$ta$tag$", "a$$b$ta")]
    [InlineData("$_$x$_$", "x")]
    [InlineData("$a1$x$a1$", "x")]
    [InlineData("$q$it's \"x\" -- /* $q$", "it's \"x\" -- /* ")]
    public void Dollar_quoted_strings_hold_anything_up_to_the_matching_tag(string sql, string content)
    {
        Assert.Equal([(SqlTokenKind.DollarString, content)], Lex(sql));
    }

    [Fact]
    public void Dollar_tags_are_case_sensitive()
    {
        Assert.Equal([(SqlTokenKind.DollarString, "x$TAG$y")], Lex("$tag$x$TAG$y$tag$"));
    }

    [Fact]
    public void Parameters_are_dollar_digits()
    {
        Assert.Equal([(SqlTokenKind.Parameter, "1"), (SqlTokenKind.Punctuation, ","), (SqlTokenKind.Parameter, "12")], Lex("$1,$12"));
    }

    [Fact]
    public void A_lone_dollar_is_a_token_of_its_own()
    {
        Assert.Equal([(SqlTokenKind.Other, "$"), (SqlTokenKind.Identifier, "a")], Lex("$a"));
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("3.5", "3.5")]
    [InlineData(".5", ".5")]
    [InlineData("5.", "5.")]
    [InlineData("4e3", "4e3")]
    [InlineData("1.925e-3", "1.925e-3")]
    [InlineData("1.E+5", "1.E+5")]
    public void Numbers_keep_their_text(string sql, string value)
    {
        Assert.Equal([(SqlTokenKind.Number, value)], Lex(sql));
    }

    [Fact]
    public void Two_dots_after_an_integer_are_not_a_decimal_point()
    {
        Assert.Equal([(SqlTokenKind.Number, "1"), (SqlTokenKind.Operator, ".."), (SqlTokenKind.Number, "2")], Lex("1..2"));
    }

    [Fact]
    public void A_second_decimal_point_starts_a_new_number()
    {
        Assert.Equal([(SqlTokenKind.Number, "1.2"), (SqlTokenKind.Number, ".3")], Lex("1.2.3"));
    }

    [Theory]
    [InlineData("a::int", "::")]
    [InlineData("a<=b", "<=")]
    [InlineData("a>=b", ">=")]
    [InlineData("a<>b", "<>")]
    [InlineData("a!=b", "!=")]
    [InlineData("a||b", "||")]
    [InlineData("a->b", "->")]
    [InlineData("a->>b", "->>")]
    [InlineData("a~~b", "~~")]
    [InlineData("a@>b", "@>")]
    [InlineData("a:=b", ":=")]
    [InlineData("a=>b", "=>")]
    public void Multi_character_operators_are_one_token(string sql, string op)
    {
        var tokens = PgLexer.Tokenize(sql);
        Assert.Equal(3, tokens.Count);
        Assert.True(tokens[1].IsOperator(op), tokens[1].ToString());
    }

    [Theory]
    [InlineData("1*-2", new[] { "*", "-" })]
    [InlineData("1+-2", new[] { "+", "-" })]
    [InlineData("1 @- 2", new[] { "@-" })]
    [InlineData("2 !=-1", new[] { "!=-" })]
    [InlineData("1 <- 2", new[] { "<", "-" })]
    [InlineData("1 +/* x */ 2", new[] { "+" })]
    [InlineData("1 *-- x\n 2", new[] { "*" })]
    public void Operators_split_off_trailing_signs_and_stop_at_comments(string sql, string[] operators)
    {
        var ops = PgLexer.Tokenize(sql).Where(t => t.Kind == SqlTokenKind.Operator).Select(t => t.Value);
        Assert.Equal(operators, ops);
    }

    [Fact]
    public void Punctuation_tokens()
    {
        Assert.Equal(["(", ")", "[", "]", ",", ";", ".", ":"],
            PgLexer.Tokenize("()[],;.:").Select(t => t.Value));
        Assert.All(PgLexer.Tokenize("()[],;.:"), t => Assert.Equal(SqlTokenKind.Punctuation, t.Kind));
    }

    [Fact]
    public void Comments_are_skipped_and_block_comments_nest()
    {
        Assert.Equal([(SqlTokenKind.Identifier, "a"), (SqlTokenKind.Identifier, "b")],
            Lex("a /* x /* y */ still; comment */ -- 'quote\nb"));
    }

    [Theory]
    [InlineData("select 'abc", "unterminated quoted string at or near \"'abc\"", 8)]
    [InlineData("select \"abc", "unterminated quoted identifier at or near \"\"abc\"", 8)]
    [InlineData("select /* abc /* x */ ", "unterminated /* comment at or near \"/* abc /* x */ \"", 8)]
    [InlineData("select $$abc", "unterminated dollar-quoted string at or near \"$$abc\"", 8)]
    [InlineData("select $t$abc$$", "unterminated dollar-quoted string at or near \"$t$abc$$\"", 8)]
    [InlineData("select $1$x$1$", "unterminated dollar-quoted string at or near \"$x$1$\"", 10)]
    [InlineData("select E'ab\\'", "unterminated quoted string at or near \"E'ab\\'\"", 8)]
    [InlineData("select U&'abc", "unterminated quoted string at or near \"U&'abc\"", 8)]
    [InlineData("select B'01", "unterminated bit string literal at or near \"B'01\"", 8)]
    [InlineData("select X'ab", "unterminated hexadecimal string literal at or near \"X'ab\"", 8)]
    [InlineData("select $1x", "trailing junk after parameter at or near \"$1x\"", 8)]
    [InlineData("select 0x1f", "trailing junk after numeric literal at or near \"0x1f\"", 8)]
    [InlineData("select 12abc", "trailing junk after numeric literal at or near \"12abc\"", 8)]
    [InlineData("select 1.5ab$c", "trailing junk after numeric literal at or near \"1.5ab$c\"", 8)]
    [InlineData("select 1ex5", "trailing junk after numeric literal at or near \"1ex5\"", 8)]
    [InlineData("select $1xyz", "trailing junk after parameter at or near \"$1xyz\"", 8)]
    [InlineData("select 1e", "trailing junk after numeric literal at or near \"1e\"", 8)]
    [InlineData("select 1e+", "trailing junk after numeric literal at or near \"1e+\"", 8)]
    [InlineData("select \"\"", "zero-length delimited identifier at or near \"\"\"\"", 8)]
    [InlineData("select 'é', 'abc", "unterminated quoted string at or near \"'abc\"", 13)]
    [InlineData("select '😀', 'abc", "unterminated quoted string at or near \"'abc\"", 13)]
    public void Lexical_errors_match_postgresql(string sql, string message, int position)
    {
        var error = LexError(sql);
        Assert.Equal(SqlState.SyntaxError, error.SqlState);
        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }
}

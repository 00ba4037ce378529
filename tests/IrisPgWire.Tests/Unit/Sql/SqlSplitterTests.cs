using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Tests.Unit.Sql;

public class SqlSplitterTests
{
    [Fact]
    public void Statements_are_split_at_semicolons_without_the_semicolon()
    {
        Assert.Equal(["select 1", "select 2"], SqlSplitter.Split("select 1; select 2;"));
    }

    [Fact]
    public void Empty_and_comment_only_statements_are_dropped()
    {
        Assert.Empty(SqlSplitter.Split(" ;; -- nothing\n /* still /* nothing */ */ ;"));
        Assert.Equal(["select 1", "select 2"], SqlSplitter.Split(";select 1;;/* c */;select 2"));
    }

    [Fact]
    public void Semicolons_inside_literals_identifiers_and_comments_do_not_split()
    {
        const string Sql = "select 'a;b', \"c;d\", $$e;f$$, $t$ g; $$ ; $t$, E'\\';' /* h; /* i; */ j; */ -- k;\n, 1";
        Assert.Equal([Sql], SqlSplitter.Split(Sql));
    }

    [Fact]
    public void Escaped_quote_in_an_escape_string_does_not_end_it()
    {
        Assert.Equal(["select E'it\\'s; fine'", "select 2"], SqlSplitter.Split("select E'it\\'s; fine'; select 2"));
    }

    [Fact]
    public void Backslash_in_a_standard_string_does_not_escape_the_quote()
    {
        Assert.Equal(["select 'a\\'", "select 'b'"], SqlSplitter.Split("select 'a\\'; select 'b'"));
    }

    [Fact]
    public void Comments_around_a_statement_are_not_part_of_it_but_inner_ones_are()
    {
        Assert.Equal(["select /* in */ 1"], SqlSplitter.Split("-- before\nselect /* in */ 1 -- after"));
    }

    [Fact]
    public void Unterminated_string_reports_its_position_in_the_whole_query()
    {
        var error = Assert.Throws<PgErrorException>(() => SqlSplitter.Split("select 1; select 'abc"));
        Assert.Equal(SqlState.SyntaxError, error.SqlState);
        Assert.Equal("unterminated quoted string at or near \"'abc\"", error.Message);
        Assert.Equal(18, error.Position);
    }

    [Fact]
    public void Unicode_identifiers_survive_splitting()
    {
        Assert.Equal(["select \"ñ;名\" from café", "select 1"], SqlSplitter.Split("select \"ñ;名\" from café; select 1"));
    }

    [Fact]
    public void A_semicolon_after_an_inner_comment_end_is_still_inside_the_outer_comment()
    {
        var error = Assert.Throws<PgErrorException>(() => SqlSplitter.Split("select 1 /* a /* b */ ; select 2"));
        Assert.Equal("unterminated /* comment at or near \"/* a /* b */ ; select 2\"", error.Message);
        Assert.Equal(10, error.Position);
    }

    [Fact]
    public void A_dollar_quote_tag_must_match_exactly_to_end_the_string()
    {
        Assert.Equal(["select $a$ $b$; $A$; $a$", "select 2"], SqlSplitter.Split("select $a$ $b$; $A$; $a$; select 2"));
    }
}

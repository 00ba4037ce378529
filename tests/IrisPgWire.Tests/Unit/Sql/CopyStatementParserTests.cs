using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Tests.Unit.Sql;

public class CopyStatementParserTests
{
    private static PgErrorException Error(string sql) =>
        Assert.Throws<PgErrorException>(() => CopyStatementParser.Parse(sql));

    private static string Describe(CopyOptionSyntax option)
    {
        var value = option.Value switch
        {
            null => "-",
            { IsStar: true } => "*",
            { List: { } list } => "[" + string.Join("|", list) + "]",
            { IsString: true } v => "'" + v.Text + "'",
            { IsNumber: true } v => "#" + v.Text,
            { } v => v.Text,
        };
        return $"{option.Name}={value}@{option.Position}";
    }

    private static string[] Options(string sql) => CopyStatementParser.Parse(sql).Options.Select(Describe).ToArray();

    [Fact]
    public void Copy_from_stdin_with_schema_and_columns()
    {
        var copy = CopyStatementParser.Parse("COPY Sales.\"Orders\" (Id, \"Total Amount\") FROM STDIN");
        Assert.Equal("sales", copy.Schema);
        Assert.Equal("Orders", copy.Table);
        Assert.Equal(["id", "Total Amount"], copy.Columns!);
        Assert.True(copy.IsFrom);
        Assert.Equal(CopyEndpoint.Stdin, copy.Endpoint);
        Assert.Null(copy.Target);
        Assert.Null(copy.Query);
        Assert.Null(copy.WhereClause);
        Assert.Empty(copy.Options);
    }

    [Fact]
    public void Copy_without_columns_has_a_null_column_list()
    {
        var copy = CopyStatementParser.Parse("copy t to stdout");
        Assert.Equal((null, "t", false, CopyEndpoint.Stdout), (copy.Schema, copy.Table, copy.IsFrom, copy.Endpoint));
        Assert.Null(copy.Columns);
    }

    [Fact]
    public void Stdin_and_stdout_both_mean_the_client_whichever_the_direction()
    {
        Assert.Equal(CopyEndpoint.Stdin, CopyStatementParser.Parse("copy t from stdout").Endpoint);
        Assert.Equal(CopyEndpoint.Stdout, CopyStatementParser.Parse("copy t to stdin").Endpoint);
    }

    [Fact]
    public void File_and_program_endpoints_carry_their_target()
    {
        var file = CopyStatementParser.Parse("COPY t FROM '/tmp/it''s.csv'");
        Assert.Equal((CopyEndpoint.File, "/tmp/it's.csv"), (file.Endpoint, file.Target));
        var program = CopyStatementParser.Parse("COPY t TO PROGRAM 'gzip > /tmp/t.gz'");
        Assert.Equal((CopyEndpoint.Program, "gzip > /tmp/t.gz", false), (program.Endpoint, program.Target, program.IsFrom));
    }

    [Fact]
    public void Query_form_keeps_the_query_text_without_parentheses()
    {
        var copy = CopyStatementParser.Parse("COPY ( SELECT a, (b) FROM t WHERE c = ')' ) TO STDOUT WITH (FORMAT csv)");
        Assert.Equal("SELECT a, (b) FROM t WHERE c = ')'", copy.Query);
        Assert.Null(copy.Table);
        Assert.False(copy.IsFrom);
        Assert.Equal(CopyEndpoint.Stdout, copy.Endpoint);
        Assert.Equal(["format=csv@61"], copy.Options.Select(Describe));
    }

    [Theory]
    [InlineData("copy (values (1)) to stdout", "values (1)")]
    [InlineData("copy ((select 1)) to stdout", "(select 1)")]
    [InlineData("copy (table t) to stdout", "table t")]
    [InlineData("copy (with x as (select 1) select * from x) to stdout", "with x as (select 1) select * from x")]
    public void Query_form_accepts_every_preparable_statement(string sql, string query)
    {
        Assert.Equal(query, CopyStatementParser.Parse(sql).Query);
    }

    [Fact]
    public void Modern_options_keep_their_order_kind_and_position()
    {
        Assert.Equal(
            ["format=csv@20", "header=match@32", "delimiter=';'@46", "null=''@61", "force_not_null=[a|B]@70",
                "force_quote=*@95", "freeze=-@110", "x=#-1.5@118", "y=#2@126", "z=true@132"],
            Options("COPY t FROM STDIN (FORMAT csv, HEADER match, DELIMITER ';', NULL '', force_not_null (a, \"B\"), "
                + "force_quote *, freeze, x -1.5, y +2, z true)"));
    }

    [Fact]
    public void Modern_options_may_follow_with_and_use_reserved_words_as_names()
    {
        Assert.Equal(["default='x'@25", "format=binary@38"], Options("copy t from stdin with (default 'x', format binary)"));
    }

    [Fact]
    public void Quoted_option_names_keep_their_case()
    {
        Assert.Equal(["Format=csv@20"], Options("copy t from stdin (\"Format\" csv)"));
    }

    [Fact]
    public void Escape_string_option_values_are_decoded()
    {
        Assert.Equal(["delimiter='\t'@20"], Options("copy t from stdin (delimiter e'\\t')"));
    }

    [Fact]
    public void Legacy_options_map_to_modern_names()
    {
        Assert.Equal(
            ["format=csv@24", "header=-@28", "quote='\"'@35", "escape='\\'@48", "force_not_null=[a|b]@59",
                "delimiter=','@79", "null='N'@93", "encoding='utf8'@105", "freeze=-@121"],
            Options("copy t from stdin with csv header quote as '\"' escape '\\' force not null a, b "
                + "delimiter ',' null as 'N' encoding 'utf8' freeze"));
    }

    [Fact]
    public void Legacy_force_quote_takes_a_star_or_columns_and_force_null_takes_columns()
    {
        Assert.Equal(["format=csv@18", "force_quote=*@22"], Options("copy t to stdout csv force quote *"));
        Assert.Equal(["format=csv@18", "force_quote=[a|b]@22"], Options("copy t to stdout csv force quote a, b"));
        Assert.Equal(["force_null=[a]@19"], Options("copy t from stdin force null a"));
    }

    [Fact]
    public void Legacy_binary_before_the_table_is_format_binary()
    {
        var copy = CopyStatementParser.Parse("COPY BINARY t FROM STDIN");
        Assert.Equal("t", copy.Table);
        Assert.Equal(["format=binary@6"], copy.Options.Select(Describe));
    }

    [Fact]
    public void Pre_7_3_delimiters_clause_comes_before_with()
    {
        var copy = CopyStatementParser.Parse("copy t from stdin using delimiters '|' with null as ''");
        Assert.Equal(["delimiter='|'@19", "null=''@45"], copy.Options.Select(Describe));
        Assert.Equal(["delimiter=','@19"], Options("copy t from stdin delimiters ','"));
    }

    [Fact]
    public void Where_clause_text_is_kept_for_copy_from()
    {
        var copy = CopyStatementParser.Parse("COPY t FROM STDIN (FORMAT csv) WHERE a > 1 AND b <> 'x;y' -- done");
        Assert.Equal("a > 1 AND b <> 'x;y'", copy.WhereClause);
    }

    [Fact]
    public void Where_clause_is_not_allowed_with_copy_to()
    {
        var error = Error("copy t to stdout where a > 1");
        Assert.Equal((SqlState.SyntaxError, "WHERE clause not allowed with COPY TO", 18), (error.SqlState, error.Message, error.Position));
    }

    [Fact]
    public void Program_with_stdin_is_rejected_without_a_position()
    {
        var error = Error("copy t from program stdin");
        Assert.Equal((SqlState.SyntaxError, "STDIN/STDOUT not allowed with PROGRAM", (int?)null), (error.SqlState, error.Message, error.Position));
    }

    [Fact]
    public void Three_part_names_are_cross_database_references()
    {
        var error = Error("copy a.b.c from stdin");
        Assert.Equal((SqlState.FeatureNotSupported, "cross-database references are not implemented: \"a.b.c\""), (error.SqlState, error.Message));
    }

    [Fact]
    public void Four_part_names_are_improper()
    {
        var error = Error("copy a.b.c.d from stdin");
        Assert.Equal((SqlState.SyntaxError, "improper qualified name (too many dotted names): a.b.c.d", 6), (error.SqlState, error.Message, error.Position));
    }

    [Fact]
    public void Unicode_names_are_kept()
    {
        var copy = CopyStatementParser.Parse("copy données.\"Tâble\" (colonne_é) from stdin");
        Assert.Equal(("données", "Tâble", "colonne_é"), (copy.Schema, copy.Table, copy.Columns![0]));
    }

    [Theory]
    [InlineData("copy (select 1) from stdin", "syntax error at or near \"from\"", 17)]
    [InlineData("copy t to stdout with oids", "syntax error at or near \"oids\"", 23)]
    [InlineData("copy t", "syntax error at end of input", 7)]
    [InlineData("copy t from", "syntax error at end of input", 12)]
    [InlineData("copy t from stdin (format csv, null null)", "syntax error at or near \"null\"", 37)]
    [InlineData("copy t from stdin (null 'x',)", "syntax error at or near \")\"", 29)]
    [InlineData("copy t from stdin ()", "syntax error at or near \")\"", 20)]
    [InlineData("copy () to stdout", "syntax error at or near \")\"", 7)]
    [InlineData("copy (selec 1) to stdout", "syntax error at or near \"selec\"", 7)]
    [InlineData("copy t from stdin where", "syntax error at end of input", 24)]
    [InlineData("copy t(a,) from stdin", "syntax error at or near \")\"", 10)]
    [InlineData("copy t from stdin with csv force not null", "syntax error at end of input", 42)]
    [InlineData("copy t from stdin delimiter as", "syntax error at end of input", 31)]
    [InlineData("copy t from stdin (format csv) csv", "syntax error at or near \"csv\"", 32)]
    [InlineData("copy (select 1) to stdout where 1=1", "syntax error at or near \"where\"", 27)]
    [InlineData("copy t from stdin (a 1 2)", "syntax error at or near \"2\"", 24)]
    [InlineData("copy t from stdin (format csv", "syntax error at end of input", 30)]
    [InlineData("copy t from stdin (h ('x', b, 1))", "syntax error at or near \"1\"", 31)]
    [InlineData("copy t from stdin using", "syntax error at end of input", 24)]
    [InlineData("copy t from stdin null as", "syntax error at end of input", 26)]
    [InlineData("copy select from stdin", "syntax error at or near \"select\"", 6)]
    public void Malformed_copy_gives_postgresql_syntax_errors(string sql, string message, int position)
    {
        var error = Error(sql);
        Assert.Equal((SqlState.SyntaxError, message, position), (error.SqlState, error.Message, error.Position));
    }
}

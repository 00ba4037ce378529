using IrisPgWire.Backends.Iris;
using IrisPgWire.Errors;

namespace IrisPgWire.Tests.Unit.Iris;

/// <summary>
/// PostgreSQL statements as the IRIS dialect sends them. Expected texts follow InterSystems SQL Reference,
/// "CREATE TABLE" (docs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=RSQL_createtable: field
/// definitions, DEFAULT, NOT NULL, CONSTRAINT name PRIMARY KEY / UNIQUE (field, ...)) and "DROP TABLE" (RSQL_droptable);
/// constraint names are PostgreSQL's (t_pkey, t_col_key), so errors name what a PostgreSQL client expects.
/// </summary>
public class IrisSqlTranslatorTests
{
    [Fact]
    public void Create_table_with_keys_defaults_and_not_null_uses_the_dialects_types_and_postgres_constraint_names()
    {
        var s = IrisSqlTranslator.Translate(
            "CREATE TABLE patients (id int PRIMARY KEY, name varchar(40) NOT NULL DEFAULT 'it''s', code text UNIQUE, born date, active boolean DEFAULT true)");
        Assert.Equal(IrisStatementKind.Plain, s.Kind);
        Assert.Equal(
            "CREATE TABLE \"SQLUser\".\"patients\" (\"id\" INTEGER NOT NULL, \"name\" VARCHAR(40) DEFAULT 'it''s' NOT NULL, " +
            "\"code\" LONGVARCHAR, \"born\" DATE, \"active\" BIT DEFAULT 1, " +
            "CONSTRAINT \"patients_pkey\" PRIMARY KEY (\"id\"), CONSTRAINT \"patients_code_key\" UNIQUE (\"code\"))", s.Sql);
    }

    [Fact]
    public void Create_table_if_not_exists_in_a_schema_with_a_vector_and_a_table_key()
    {
        var s = IrisSqlTranslator.Translate("create table if not exists app.\"Emb\" (k bigint, n numeric(10,2), v vector(3), primary key (k, n))");
        Assert.Equal(IrisStatementKind.CreateTableIfNotExists, s.Kind);
        Assert.Equal(("app", "Emb"), s.Table);
        Assert.Equal("CREATE TABLE \"app\".\"Emb\" (\"k\" BIGINT NOT NULL, \"n\" NUMERIC(10,2) NOT NULL, \"v\" VECTOR(DOUBLE, 3), " +
                     "CONSTRAINT \"Emb_pkey\" PRIMARY KEY (\"k\", \"n\"))", s.Sql);
    }

    [Theory]
    [InlineData("CREATE TABLE t (a int CHECK (a > 0))")]
    [InlineData("CREATE TABLE t (a int REFERENCES u (id))")]
    [InlineData("CREATE TABLE t (a int DEFAULT now())")]
    [InlineData("CREATE TABLE t (a int, FOREIGN KEY (a) REFERENCES u (id))")]
    [InlineData("CREATE TABLE t (a int) WITH (fillfactor = 70)")]
    public void What_cannot_be_kept_is_refused_not_dropped(string sql) =>
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<PgErrorException>(() => IrisSqlTranslator.Translate(sql)).SqlState);

    [Fact]
    public void Drop_table_if_exists_maps_public_to_sqluser()
    {
        var s = IrisSqlTranslator.Translate("DROP TABLE IF EXISTS public.t");
        Assert.Equal(IrisStatementKind.DropTableIfExists, s.Kind);
        Assert.Equal("DROP TABLE \"SQLUser\".\"t\"", s.Sql);
        Assert.Equal(("public", "t"), s.Table);
    }

    [Fact]
    public void Parameters_become_positional_markers_in_the_order_they_appear_even_repeated()
    {
        var s = IrisSqlTranslator.Translate("SELECT a FROM public.t WHERE b = $2 AND c = $1 OR d = $2");
        Assert.Equal("SELECT a FROM \"SQLUser\".t WHERE b = ? AND c = ? OR d = ?", s.Sql);
        Assert.Equal([1, 0, 1], s.ParameterOrder);
    }

    [Fact]
    public void Nothing_inside_literals_or_quoted_names_is_rewritten()
    {
        var s = IrisSqlTranslator.Translate("SELECT '$1 public.x ::int' AS \"public.$1\" FROM t WHERE x = $1");
        Assert.Equal("SELECT '$1 public.x ::int' AS \"public.$1\" FROM t WHERE x = ?", s.Sql);
        Assert.Equal([0], s.ParameterOrder);
    }

    [Fact]
    public void A_postgres_cast_is_refused_with_its_position()
    {
        var e = Assert.Throws<PgErrorException>(() => IrisSqlTranslator.Translate("SELECT x::int FROM t"));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
        Assert.Equal(9, e.Position);
    }

    [Fact]
    public void A_hostile_table_name_stays_one_delimited_identifier()
    {
        var s = IrisSqlTranslator.Translate("DROP TABLE \"x\"\"; DROP TABLE y; --\"");
        Assert.Equal("DROP TABLE \"SQLUser\".\"x\"\"; DROP TABLE y; --\"", s.Sql);
    }
}

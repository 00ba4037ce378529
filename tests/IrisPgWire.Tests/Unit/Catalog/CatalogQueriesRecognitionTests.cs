using IrisPgWire.Backends;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Catalog;

/// <summary>Statements that look like catalogue queries but are a user's own: they go to the backend.</summary>
public sealed class CatalogQueriesRecognitionTests
{
    [Theory]
    [InlineData("SELECT typname, oid FROM pg_type WHERE typname = 'int4'")]
    [InlineData("select * from pg_type")]
    [InlineData("SELECT typname AS name, oid FROM my_pg_type t WHERE t.oid = 23")]
    [InlineData("SELECT pg_type.oid, typname FROM pg_catalog.pg_type WHERE typname = $1")]
    [InlineData("SELECT t.oid, t.typname FROM pg_catalog.pg_type t WHERE t.typname = $1")]
    [InlineData("SELECT e.typdelim FROM pg_catalog.pg_type t, pg_catalog.pg_type e WHERE t.oid = $1 and t.typelem = e.oid and e.typname = 'x'")]
    [InlineData("SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM my_pg_type t JOIN my_pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1")]
    [InlineData("INSERT INTO pg_types_copy SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter FROM pg_type t WHERE t.oid = $1::regtype")]
    [InlineData("SELECT 'SELECT e.typdelim FROM pg_catalog.pg_type t, pg_catalog.pg_type e WHERE t.oid = $1 and t.typelem = e.oid'")]
    [InlineData("SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter FROM pg_type t WHERE t.oid = 23")]
    [InlineData("SELECT enumlabel FROM pg_enum_labels")]
    [InlineData("SELECT 1")]
    [InlineData("")]
    public void User_statement_is_not_answered(string sql)
    {
        Assert.Null(CapturedQueries.Run(sql, [new QueryParameter(PgTypeCatalog.Int4, 23)]));
    }

    [Fact]
    public void User_table_named_like_a_catalogue_column_is_not_answered()
    {
        const string sql = "SELECT typname, typarray FROM pg_type_backup WHERE typname = $1";
        Assert.Null(CapturedQueries.Run(sql, [new QueryParameter(PgTypeCatalog.Text, "int4")]));
    }

    [Fact]
    public void Pgjdbc_lookup_with_different_case_and_spacing_is_still_recognised()
    {
        const string sql = "select e.typdelim\n  from pg_catalog.pg_type t , pg_catalog.pg_type e\n where t.oid=$1 AND t.typelem=e.oid;";
        var actual = CapturedQueries.Run(sql, [new QueryParameter(PgTypeCatalog.Int4, 1007)]);
        Assert.Equal([","], actual!.Value.Rows);
    }
}

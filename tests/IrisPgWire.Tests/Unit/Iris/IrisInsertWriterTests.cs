using System.Text.Json;
using IrisPgWire.Backends;
using IrisPgWire.Backends.Iris;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Iris;

public class IrisInsertWriterTests
{
    private static readonly TableDefinition People = new("public", "People", 0,
    [
        new ColumnDefinition("id", PgTypeNames.Parse("integer"), 1, true, false),
        new ColumnDefinition("name", PgTypeNames.Parse("varchar(40)"), 2, false, false),
        new ColumnDefinition("active", PgTypeNames.Parse("boolean"), 3, false, false),
    ]);

    // "INSERT (SQL)", https://docs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=RSQL_insert:
    // INSERT [%keyword] [INTO] table [(column1{,column2} ...)] VALUES (scalar-expression1 {,scalar-expression2} ...).
    [Fact]
    public void Single_row_insert_is_parameterised_with_delimited_names()
    {
        var writer = new IrisInsertWriter(People);
        Assert.Equal("INSERT INTO \"SQLUser\".\"People\" (\"id\",\"name\",\"active\") VALUES (?, ?, ?)", writer.SingleRow());
    }

    // "INSERT (SQL)": %keyword is one or more of %NOCHECK %NOFPLAN %NOINDEX %NOJOURN %NOLOCK %NOTRIGGER %PROFILE
    // %PROFILE_ALL, separated by blanks, in that (the synopsis's) order.
    [Fact]
    public void Hints_are_written_in_the_order_of_the_insert_synopsis()
    {
        var all = IrisInsertHints.NoTrigger | IrisInsertHints.NoLock | IrisInsertHints.NoJournal | IrisInsertHints.NoIndex | IrisInsertHints.NoCheck;
        Assert.Equal("INSERT %NOCHECK %NOINDEX %NOJOURN %NOLOCK %NOTRIGGER INTO \"SQLUser\".\"People\" (\"id\") VALUES (?)",
            new IrisInsertWriter(People, ["id"], all).SingleRow());
        Assert.Equal("INSERT %NOLOCK INTO \"SQLUser\".\"People\" (\"id\") VALUES (?)",
            new IrisInsertWriter(People, ["id"], IrisInsertHints.NoLock).SingleRow());
    }

    // "INSERT (SQL)": INSERT [INTO] table [(column, ...)] query, the query here a UNION ALL of parameter-only SELECTs.
    [Fact]
    public void Union_all_insert_has_one_select_per_row()
    {
        var writer = new IrisInsertWriter(People, ["id", "name"]);
        Assert.Equal("INSERT INTO \"SQLUser\".\"People\" (\"id\",\"name\") SELECT ?, ? UNION ALL SELECT ?, ? UNION ALL SELECT ?, ?",
            writer.UnionAll(3));
        Assert.Equal("INSERT INTO \"SQLUser\".\"People\" (\"id\",\"name\") SELECT ?, ?", writer.UnionAll(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.UnionAll(0));
    }

    // "JSON_TABLE (SQL)", https://irisdocs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=RSQL_jsontable and the
    // 2024.1 announcement (community.intersystems.com/post/iris-20241-preview-new-feature): JSON_TABLE(json-value, '$'
    // COLUMNS(name VARCHAR(40) PATH '$.name', ...)) AS s over a JSON array of objects.
    [Fact]
    public void Json_table_insert_reads_one_parameter_with_positional_keys()
    {
        var writer = new IrisInsertWriter(People);
        Assert.Equal(
            "INSERT INTO \"SQLUser\".\"People\" (\"id\",\"name\",\"active\") SELECT j.c1, j.c2, j.c3 FROM JSON_TABLE(?, '$' COLUMNS (" +
            "c1 INTEGER PATH '$.c1', c2 VARCHAR(40) PATH '$.c2', c3 BIT PATH '$.c3')) AS j",
            writer.JsonTable());
        Assert.Equal(writer.JsonTable(), writer.Statement(IrisInsertStrategy.JsonTable, 50));
    }

    // "TO_VECTOR (SQL)", RSQL_tovector: INSERT INTO Words.Embeddings (word,embedding) VALUES ("person", TO_VECTOR('1,3,5,7,9',int)).
    [Fact]
    public void Vector_columns_are_bound_through_to_vector_in_every_strategy()
    {
        var table = new TableDefinition("Words", "Embeddings", 0,
        [
            new ColumnDefinition("word", PgTypeNames.Parse("text"), 1, false, false),
            new ColumnDefinition("embedding", PgTypeNames.Parse("text"), 2, false, false),
        ]);
        var writer = new IrisInsertWriter(table, vectorColumns: new Dictionary<string, int> { ["embedding"] = 5 });
        Assert.Equal("INSERT INTO \"Words\".\"Embeddings\" (\"word\",\"embedding\") VALUES (?, TO_VECTOR(?, DOUBLE))", writer.SingleRow());
        Assert.Equal("INSERT INTO \"Words\".\"Embeddings\" (\"word\",\"embedding\") SELECT ?, TO_VECTOR(?, DOUBLE) UNION ALL SELECT ?, TO_VECTOR(?, DOUBLE)",
            writer.UnionAll(2));
        Assert.Equal(
            "INSERT INTO \"Words\".\"Embeddings\" (\"word\",\"embedding\") SELECT j.c1, TO_VECTOR(j.c2, DOUBLE) FROM JSON_TABLE(?, '$' COLUMNS (" +
            "c1 VARCHAR(3641144) PATH '$.c1', c2 VARCHAR(3641144) PATH '$.c2')) AS j",
            writer.JsonTable());
        Assert.Equal(new object[] { "person", "[1,3,5,7,9]" }, writer.Parameters([["person", "[1,3,5,7,9]"]]));
    }

    [Fact]
    public void Hostile_names_are_quoted_and_hostile_values_are_only_parameters()
    {
        const string evil = "'); DROP TABLE \"People\"; --";
        var table = new TableDefinition("public", "t\"; DROP TABLE x; --", 0,
        [
            new ColumnDefinition("a\"b", PgTypeNames.Parse("text"), 1, false, false),
            new ColumnDefinition("naïve 表", PgTypeNames.Parse("text"), 2, false, false),
        ]);
        var writer = new IrisInsertWriter(table);
        Assert.Equal("INSERT INTO \"SQLUser\".\"t\"\"; DROP TABLE x; --\" (\"a\"\"b\",\"naïve 表\") VALUES (?, ?)", writer.SingleRow());
        foreach (var strategy in Enum.GetValues<IrisInsertStrategy>())
            Assert.DoesNotContain("DROP TABLE \"People\"", writer.Statement(strategy, 2), StringComparison.Ordinal);
        Assert.Equal(new object[] { evil, "x" }, writer.Parameters([[evil, "x"]]));
        // In the JSON document the value is a JSON string: parsing it gives back exactly the value.
        var json = writer.JsonDocument([[evil, "x"]]);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(evil, doc.RootElement[0].GetProperty("c1").GetString());
    }

    [Fact]
    public void Parameters_follow_rows_then_columns_and_keep_null_apart_from_empty()
    {
        var writer = new IrisInsertWriter(People);
        var values = writer.Parameters([[1, "", true], [2, null, false]]);
        Assert.Equal(new object[] { 1, "", 1, 2, DBNull.Value, 0 }, values);
    }

    [Fact]
    public void The_json_batch_has_one_object_per_row_with_null_and_empty_string_apart()
    {
        var writer = new IrisInsertWriter(People);
        Assert.Equal("[{\"c1\":1,\"c2\":\"\",\"c3\":1},{\"c1\":2,\"c2\":null,\"c3\":0}]",
            writer.JsonDocument([[1, "", true], [2, null, false]]));
        Assert.Equal("[{\"c1\":3,\"c2\":\"quote \\\" backslash \\\\ newline \\n\",\"c3\":null}]",
            writer.JsonDocument([[3, "quote \" backslash \\ newline \n", null]]));
    }

    [Fact]
    public void Json_table_refuses_bytea_columns()
    {
        var table = new TableDefinition("public", "b", 0, [new ColumnDefinition("data", PgTypeNames.Parse("bytea"), 1, false, false)]);
        var writer = new IrisInsertWriter(table);
        Assert.False(writer.SupportsJsonTable);
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<PgErrorException>(writer.JsonTable).SqlState);
        Assert.Equal("INSERT INTO \"SQLUser\".\"b\" (\"data\") VALUES (?)", writer.SingleRow());
    }

    // PostgreSQL 15 for COPY t (nope) FROM STDIN: ERROR 42703 column "nope" of relation "t" does not exist;
    // COPY t (a, a): ERROR 42701 column "a" specified more than once.
    [Fact]
    public void Unknown_and_repeated_columns_are_refused_as_PostgreSQL_does()
    {
        var unknown = Assert.Throws<PgErrorException>(() => new IrisInsertWriter(People, ["nope"]));
        Assert.Equal(SqlState.UndefinedColumn, unknown.SqlState);
        Assert.Equal("column \"nope\" of relation \"People\" does not exist", unknown.Message);
        var repeated = Assert.Throws<PgErrorException>(() => new IrisInsertWriter(People, ["id", "id"]));
        Assert.Equal(SqlState.DuplicateColumn, repeated.SqlState);
        Assert.Equal("column \"id\" specified more than once", repeated.Message);
    }
}

using IrisPgWire.Backends;
using IrisPgWire.Backends.Iris;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Iris;

public class IrisDdlWriterTests
{
    private static ColumnDefinition Column(string name, string type, short number, bool notNull = false) =>
        new(name, PgTypeNames.Parse(type), number, notNull, false);

    // "CREATE TABLE (SQL)", https://docs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=RSQL_createtable:
    // CREATE TABLE table (field datatype [NOT NULL], ...); the example in "Data Types (SQL)" (RSQL_datatype) is
    // CREATE TABLE Employees (FirstName VARCHAR(30), LastName VARCHAR(30), StartDate TIMESTAMP).
    [Fact]
    public void Create_table_writes_delimited_names_mapped_types_and_not_null()
    {
        var table = new TableDefinition("public", "Employees", 0,
        [
            Column("id", "bigint", 1, notNull: true),
            Column("FirstName", "varchar(30)", 2),
            Column("StartDate", "timestamptz", 3),
            Column("salary", "numeric(10,2)", 4, notNull: true),
            Column("photo", "bytea", 5),
        ]);
        Assert.Equal(
            "CREATE TABLE \"SQLUser\".\"Employees\" (\"id\" BIGINT NOT NULL, \"FirstName\" VARCHAR(30), \"StartDate\" TIMESTAMP, " +
            "\"salary\" NUMERIC(10,2) NOT NULL, \"photo\" LONGVARBINARY)",
            IrisDdlWriter.CreateTable(table));
    }

    // VECTOR(type, length) columns, loaded with TO_VECTOR ("TO_VECTOR (SQL)", RSQL_tovector).
    [Fact]
    public void Create_table_writes_vector_columns_the_caller_names()
    {
        var table = new TableDefinition("docs", "Embeddings", 0, [Column("word", "text", 1), Column("embedding", "text", 2)]);
        Assert.Equal("CREATE TABLE \"docs\".\"Embeddings\" (\"word\" LONGVARCHAR, \"embedding\" VECTOR(DOUBLE, 5))",
            IrisDdlWriter.CreateTable(table, new Dictionary<string, int> { ["embedding"] = 5 }));
    }

    [Fact]
    public void Hostile_table_and_column_names_stay_inside_their_quotes()
    {
        var table = new TableDefinition("public", "x\"; DROP TABLE y; --", 0, [Column("a\"b", "integer", 1)]);
        Assert.Equal("CREATE TABLE \"SQLUser\".\"x\"\"; DROP TABLE y; --\" (\"a\"\"b\" INTEGER)", IrisDdlWriter.CreateTable(table));
    }

    // "Identifiers" (GSQL_identifiers): identifiers are not case-sensitive, so "A" and "a" are one IRIS column.
    [Fact]
    public void Columns_differing_only_in_case_are_refused_as_duplicates()
    {
        var table = new TableDefinition("public", "t", 0, [Column("a", "integer", 1), Column("A", "integer", 2)]);
        var e = Assert.Throws<PgErrorException>(() => IrisDdlWriter.CreateTable(table));
        Assert.Equal(SqlState.DuplicateColumn, e.SqlState);
        Assert.Equal("column \"A\" specified more than once", e.Message);
    }

    // "DROP TABLE (SQL)", https://docs.intersystems.com/irislatest/csp/docbook/DocBook.UI.Page.cls?KEY=RSQL_droptable: DROP TABLE table.
    [Fact]
    public void Drop_table_qualifies_and_delimits_the_name()
    {
        Assert.Equal("DROP TABLE \"SQLUser\".\"t\"", IrisDdlWriter.DropTable("public", "t"));
        Assert.Equal("DROP TABLE \"Sales\".\"a\"\"b\"", IrisDdlWriter.DropTable("Sales", "a\"b"));
    }
}

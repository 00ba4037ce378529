using IrisPgWire.Backends;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Catalog;

/// <summary>
/// pgjdbc 42.5.5's TypeInfoCache lookups, captured on the wire (parameter types as pgjdbc sent them), answered
/// for every built-in type and compared with PostgreSQL 15.18's answers.
/// </summary>
public sealed class PgJdbcTypeInfoTests
{
    [Theory]
    [InlineData("type-by-oid")]
    [InlineData("is-array-by-oid")]
    [InlineData("element-by-oid")]
    [InlineData("delimiter-by-oid")]
    [InlineData("oid-by-name")]
    [InlineData("array-by-name")]
    [InlineData("oid-by-qualified-name")]
    [InlineData("array-oid-by-element-name")]
    public void Pgjdbc_type_lookup_answers_as_postgresql_15_for_every_built_in_type(string query)
    {
        var name = "pgjdbc-42.5.5-" + query;
        var sql = CapturedQueries.Sql(name);
        var expected = CapturedQueries.Load(name);
        Assert.NotEmpty(expected.Cases);
        foreach (var @case in expected.Cases)
        {
            var actual = CapturedQueries.Run(sql, Arguments(query, @case.Arguments));
            Assert.NotNull(actual);
            Assert.Equal(expected.Columns, actual.Value.Columns);
            Assert.True(@case.Rows.SequenceEqual(actual.Value.Rows),
                $"{query}({string.Join(", ", @case.Arguments)}): expected [{string.Join(" | ", @case.Rows)}], got [{string.Join(" | ", actual.Value.Rows)}]");
        }
    }

    [Fact]
    public void Int4_row_of_the_is_array_lookup_is_a_base_type_that_is_not_an_array()
    {
        var actual = CapturedQueries.Run(CapturedQueries.Sql("pgjdbc-42.5.5-is-array-by-oid"), [new(PgTypeCatalog.Int8, 23L)]);
        Assert.Equal(["f\tb\tint4\t23"], actual!.Value.Rows);
    }

    [Fact]
    public void Describing_a_lookup_without_arguments_gives_its_columns_and_no_rows()
    {
        var actual = CapturedQueries.Run(CapturedQueries.Sql("pgjdbc-42.5.5-array-by-name"), []);
        Assert.Equal([("typarray", 26u), ("typname", 19u)], actual!.Value.Columns);
        Assert.Empty(actual.Value.Rows);
    }

    // The parameter types pgjdbc 42.5.5 declared in its Parse messages (captured): int4 for OIDs, int8 in
    // getSQLType, varchar for names and bool for the search-path flag.
    private static QueryParameter[] Arguments(string query, string[] arguments) => query switch
    {
        "is-array-by-oid" => [new(PgTypeCatalog.Int8, long.Parse(arguments[0], System.Globalization.CultureInfo.InvariantCulture))],
        "type-by-oid" or "element-by-oid" or "delimiter-by-oid" =>
            [new(PgTypeCatalog.Int4, int.Parse(arguments[0], System.Globalization.CultureInfo.InvariantCulture))],
        "oid-by-name" => [new(PgTypeCatalog.Varchar, arguments[0])],
        _ =>
        [
            new(PgTypeCatalog.Varchar, arguments[0]),
            new(PgTypeCatalog.Varchar, arguments[1] == "\\N" ? null : arguments[1]),
            new(PgTypeCatalog.Bool, arguments[2] == "True"),
        ],
    };
}

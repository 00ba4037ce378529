using System.Globalization;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Catalog;

/// <summary>
/// The batch Npgsql 10.0.3 sends as one Query message when it opens its first connection (captured on the
/// wire against PostgreSQL 15), split into its statements as the session splits it.
/// </summary>
public sealed class NpgsqlTypeLoadingTests
{
    // The captured batch holds no semicolon inside a literal or comment, so splitting on ';' is exact here.
    private static readonly string[] Statements =
        [.. CapturedQueries.Sql("npgsql-10.0.3-open").Split(';').Where(s => !string.IsNullOrWhiteSpace(s))];

    [Fact]
    public void Batch_has_version_types_composite_fields_and_enum_labels()
    {
        Assert.Equal(4, Statements.Length);
        Assert.Equal("SELECT version()", Statements[0].Trim());
    }

    [Fact]
    public void Version_query_is_left_to_the_backend()
    {
        Assert.Null(CapturedQueries.Run(Statements[0], []));
    }

    [Fact]
    public void Type_rows_are_those_postgresql_15_returns_for_the_built_in_types()
    {
        var expected = CapturedQueries.Load("npgsql-10.0.3-load-types");
        var ours = PgTypeCatalog.All.Select(t => t.Oid.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var expectedRows = expected.Cases.SelectMany(c => c.Rows).Where(r => ours.Contains(r.Split('\t')[1])).Order().ToList();

        var actual = CapturedQueries.Run(Statements[1], []);

        Assert.NotNull(actual);
        Assert.Equal(expected.Columns, actual.Value.Columns);
        Assert.Equal(expectedRows, actual.Value.Rows.Order().ToList());
    }

    [Fact]
    public void Type_rows_put_every_element_type_before_its_array()
    {
        var rows = CapturedQueries.Run(Statements[1], [])!.Value.Rows.Select(r => r.Split('\t')).ToList();
        var firstArray = rows.FindIndex(r => r[3] == "a");
        Assert.True(firstArray > 0);
        Assert.All(rows.Take(firstArray), r => Assert.NotEqual("a", r[3]));
        Assert.All(rows.Skip(firstArray), r => Assert.Equal("a", r[3]));
        Assert.Contains("pg_catalog\t1007\t_int4\ta\tf\t23", rows.Select(r => string.Join('\t', r)));
        Assert.Contains("pg_catalog\t23\tint4\tb\tf\t\\N", rows.Select(r => string.Join('\t', r)));
    }

    [Fact]
    public void Composite_field_query_answers_no_rows_with_its_columns()
    {
        var actual = CapturedQueries.Run(Statements[2], []);
        Assert.Equal([("oid", 26u), ("attname", 19u), ("atttypid", 26u)], actual!.Value.Columns);
        Assert.Empty(actual.Value.Rows);
    }

    [Fact]
    public void Enum_label_query_answers_no_rows_with_its_columns()
    {
        var actual = CapturedQueries.Run(Statements[3], []);
        Assert.Equal([("oid", 26u), ("enumlabel", 19u)], actual!.Value.Columns);
        Assert.Empty(actual.Value.Rows);
    }

    [Fact]
    public void Type_query_is_recognised_with_windows_line_endings_and_other_indentation()
    {
        var variant = Statements[1].Replace("\n", "\r\n\t", StringComparison.Ordinal).Replace("FROM (", "FROM(", StringComparison.Ordinal);
        Assert.NotNull(CapturedQueries.Run(variant, []));
    }

    [Fact]
    public void Enum_query_of_older_npgsql_versions_is_recognised()
    {
        // Npgsql 8's GenerateLoadEnumFieldsQuery (PostgresDatabaseInfo.cs, npgsql/npgsql).
        const string older = "\n-- Load enum fields\nSELECT pg_type.oid, enumlabel\nFROM pg_enum\nJOIN pg_type ON pg_type.oid=enumtypid\nORDER BY oid, enumsortorder";
        Assert.NotNull(CapturedQueries.Run(older, []));
    }
}

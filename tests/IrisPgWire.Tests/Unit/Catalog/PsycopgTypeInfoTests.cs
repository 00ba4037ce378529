using IrisPgWire.Backends;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Catalog;

/// <summary>
/// psycopg 3.1.7's TypeInfo.fetch query, captured on the wire ($1 sent as text of unspecified type), answered
/// for every built-in type name and several SQL spellings, compared with PostgreSQL 15.18.
/// </summary>
public sealed class PsycopgTypeInfoTests
{
    private static readonly string Sql = CapturedQueries.Sql("psycopg-3.1.7-typeinfo-fetch");

    [Fact]
    public void Typeinfo_fetch_answers_as_postgresql_15_for_every_name()
    {
        var expected = CapturedQueries.Load("psycopg-3.1.7-typeinfo-fetch");
        Assert.NotEmpty(expected.Cases);
        foreach (var @case in expected.Cases)
        {
            QueryParameter[] arguments = [new(PgTypeCatalog.Unknown, @case.Arguments[0])];
            if (@case.Error is not null)
            {
                var error = Assert.Throws<PgErrorException>(() => CapturedQueries.Run(Sql, arguments));
                Assert.Equal(@case.Error, $"{error.SqlState} {error.Message}");
                continue;
            }
            var actual = CapturedQueries.Run(Sql, arguments);
            Assert.NotNull(actual);
            Assert.Equal(expected.Columns, actual.Value.Columns);
            Assert.True(@case.Rows.SequenceEqual(actual.Value.Rows),
                $"{@case.Arguments[0]}: expected [{string.Join(" | ", @case.Rows)}], got [{string.Join(" | ", actual.Value.Rows)}]");
        }
    }

    [Fact]
    public void Int4_has_array_1007_and_prints_as_integer()
    {
        var actual = CapturedQueries.Run(Sql, [new(PgTypeCatalog.Unknown, "int4")]);
        Assert.Equal(["int4\t23\t1007\tinteger\t,"], actual!.Value.Rows);
    }

    [Fact]
    public void Client_side_binding_with_the_name_inlined_is_answered_too()
    {
        var inlined = Sql.Replace("$1", "'text[]'", StringComparison.Ordinal);
        var actual = CapturedQueries.Run(inlined, []);
        Assert.Equal(["_text\t1009\t0\ttext[]\t,"], actual!.Value.Rows);
    }

    [Fact]
    public void Describing_the_fetch_gives_its_columns_and_no_rows()
    {
        var actual = CapturedQueries.Run(Sql, []);
        Assert.Equal([("name", 19u), ("oid", 26u), ("array_oid", 26u), ("regtype", 25u), ("delimiter", 18u)], actual!.Value.Columns);
        Assert.Empty(actual.Value.Rows);
    }
}

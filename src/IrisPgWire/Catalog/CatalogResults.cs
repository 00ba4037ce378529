using IrisPgWire.Backends;
using IrisPgWire.Types;

namespace IrisPgWire.Catalog;

/// <summary>Builds the in-memory results of catalogue answers.</summary>
internal static class CatalogResults
{
    public static ResultColumn Column(string name, PgType type) => new(name, new PgTypeRef(type));

    public static IQueryResult Rows(ResultColumn[] columns, IEnumerable<object?[]> rows) =>
        new RowListResult(columns, [.. rows]);

    public static IQueryResult Empty(ResultColumn[] columns) => new RowListResult(columns, []);
}

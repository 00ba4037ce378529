using IrisPgWire.Backends;
using IrisPgWire.Types;
using static IrisPgWire.Catalog.CatalogResults;

namespace IrisPgWire.Catalog;

/// <summary>
/// Answers the type-loading batch Npgsql sends when it first opens a connection to a database
/// (Npgsql 10, PostgresDatabaseInfo.LoadBackendTypes): the types, the fields of free-standing composite
/// types and the labels of enum types. Npgsql reads these rows by position in text format.
/// </summary>
internal static class NpgsqlTypeLoading
{
    private static readonly ResultColumn[] TypeColumns =
    [
        Column("nspname", PgTypeCatalog.Name), Column("oid", PgTypeCatalog.Oid), Column("typname", PgTypeCatalog.Name),
        Column("typtype", PgTypeCatalog.Char), Column("typnotnull", PgTypeCatalog.Bool), Column("elemtypoid", PgTypeCatalog.Oid),
    ];

    private static readonly ResultColumn[] CompositeFieldColumns =
        [Column("oid", PgTypeCatalog.Oid), Column("attname", PgTypeCatalog.Name), Column("atttypid", PgTypeCatalog.Oid)];

    private static readonly ResultColumn[] EnumLabelColumns =
        [Column("oid", PgTypeCatalog.Oid), Column("enumlabel", PgTypeCatalog.Name)];

    /// <summary>
    /// The rows the query's WHERE keeps: base types; the pseudo-types record, void and unknown; arrays
    /// (identified, as the query does, by array_recv and reported with typtype 'a') of base types and of
    /// record and void. Base and pseudo-types come first and arrays last, as its ORDER BY puts them, so that
    /// Npgsql knows each element before its array. No ranges, multiranges, enums, domains or composites exist.
    /// </summary>
    public static IQueryResult Types(string normalizedSql, IReadOnlyList<QueryParameter> parameters)
    {
        var rows = new List<object?[]>();
        foreach (var type in CatalogTypes.ByOid.Where(t => !t.IsArray && IsLoaded(t)))
            rows.Add([CatalogTypes.Namespace, type.Oid, type.Name, CatalogTypes.TypType(type), false, null]);
        foreach (var type in CatalogTypes.ByOid.Where(t => t.IsArray))
        {
            if (PgTypeCatalog.TryGetByOid(type.ElementOid, out var element) && IsLoadedElement(element))
                rows.Add([CatalogTypes.Namespace, type.Oid, type.Name, "a", false, element.Oid]);
        }
        return Rows(TypeColumns, rows);
    }

    public static IQueryResult CompositeFields(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Empty(CompositeFieldColumns);

    public static IQueryResult EnumLabels(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Empty(EnumLabelColumns);

    private static bool IsLoaded(PgType type) =>
        CatalogTypes.TypType(type) == "b" || type.Name is "record" or "void" or "unknown";

    private static bool IsLoadedElement(PgType element) =>
        !element.IsArray && (CatalogTypes.TypType(element) == "b" || element.Name is "record" or "void");
}

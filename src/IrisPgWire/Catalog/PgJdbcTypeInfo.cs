using IrisPgWire.Backends;
using IrisPgWire.Types;
using static IrisPgWire.Catalog.CatalogResults;

namespace IrisPgWire.Catalog;

/// <summary>
/// Answers the pg_type lookups of pgjdbc's TypeInfoCache (pgjdbc 42.5, org.postgresql.jdbc.TypeInfoCache),
/// which it sends when it meets a type outside its built-in table: result metadata, arrays, setObject.
/// </summary>
/// <remarks>
/// Every built-in type lives in pg_catalog, which current_schemas(true) always lists, so the queries'
/// <c>n.nspname = ANY(current_schemas(true))</c> is true; their <c>ORDER BY ... LIMIT 1</c> never has to
/// choose, since type names are unique here.
/// </remarks>
internal static class PgJdbcTypeInfo
{
    private static readonly ResultColumn[] TypeByOidColumns =
        [Column("?column?", PgTypeCatalog.Bool), Column("nspname", PgTypeCatalog.Name), Column("typname", PgTypeCatalog.Name)];

    private static readonly ResultColumn[] IsArrayColumns =
    [
        Column("is_array", PgTypeCatalog.Bool), Column("typtype", PgTypeCatalog.Char), Column("typname", PgTypeCatalog.Name),
        Column("oid", PgTypeCatalog.Oid),
    ];

    private static readonly ResultColumn[] ElementColumns =
    [
        Column("oid", PgTypeCatalog.Oid), Column("?column?", PgTypeCatalog.Bool), Column("nspname", PgTypeCatalog.Name),
        Column("typname", PgTypeCatalog.Name),
    ];

    private static readonly ResultColumn[] DelimiterColumns = [Column("typdelim", PgTypeCatalog.Char)];
    private static readonly ResultColumn[] ArrayColumns = [Column("typarray", PgTypeCatalog.Oid), Column("typname", PgTypeCatalog.Name)];
    private static readonly ResultColumn[] OidColumns = [Column("oid", PgTypeCatalog.Oid), Column("typname", PgTypeCatalog.Name)];

    /// <summary>getPGType(int oid): whether the type's schema is on the search path, the schema, the name.</summary>
    public static IQueryResult TypeByOid(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(TypeByOidColumns, ByOid(parameters, 0).Select(t => new object?[] { true, CatalogTypes.Namespace, t.Name }));

    /// <summary>getSQLType(int oid): typinput = array_in (true for every array type), typtype, typname, oid.</summary>
    public static IQueryResult IsArrayByOid(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(IsArrayColumns, ByOid(parameters, 0).Select(t => new object?[] { t.IsArray, CatalogTypes.TypType(t), t.Name, t.Oid }));

    /// <summary>getPGArrayElement(int oid): the element type (t.typelem) of the type.</summary>
    public static IQueryResult ElementByOid(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(ElementColumns, ByOid(parameters, 0).Select(ElementOf).OfType<PgType>()
            .Select(e => new object?[] { e.Oid, true, CatalogTypes.Namespace, e.Name }));

    /// <summary>getArrayDelimiter(int oid): the element type's typdelim.</summary>
    public static IQueryResult DelimiterByOid(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(DelimiterColumns, ByOid(parameters, 0).Select(ElementOf).OfType<PgType>()
            .Select(e => new object?[] { CatalogTypes.TypDelim(e) }));

    /// <summary>getPGArrayType(String): the array type of the named type ($1 name, $2 schema, $3 search path allowed).</summary>
    public static IQueryResult ArrayByName(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(ArrayColumns, ByName(parameters).Where(t => InSchema(parameters))
            .Select(t => PgTypeCatalog.TryGetByOid(t.ArrayOid, out var array) ? array : null).OfType<PgType>()
            .Select(a => new object?[] { a.Oid, a.Name }));

    /// <summary>getPGType(String) for a plain name: OID and name, on any schema.</summary>
    public static IQueryResult OidByName(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(OidColumns, ByName(parameters).Select(t => new object?[] { t.Oid, t.Name }));

    /// <summary>getPGType(String) for a qualified or quoted name: the type of that name in the given schema.</summary>
    public static IQueryResult OidByQualifiedName(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(OidColumns, ByName(parameters).Where(t => InSchema(parameters)).Select(t => new object?[] { t.Oid, t.Name }));

    /// <summary>getPGType(String) for a qualified <c>name[]</c>: the array type (name starting with _, typlen -1) whose element is the named type.</summary>
    public static IQueryResult ArrayOidByElementName(string normalizedSql, IReadOnlyList<QueryParameter> parameters) =>
        Rows(OidColumns, ByName(parameters).Where(t => InSchema(parameters))
            .SelectMany(element => CatalogTypes.ByOid.Where(a => a.IsArray && a.ElementOid == element.Oid && a.Name.StartsWith('_')))
            .Select(a => new object?[] { a.Oid, a.Name }));

    private static IEnumerable<PgType> ByOid(IReadOnlyList<QueryParameter> parameters, int index) =>
        CatalogParameters.TryGetOid(parameters, index, out var oid) && PgTypeCatalog.TryGetByOid(oid, out var type)
            ? [type]
            : [];

    private static IEnumerable<PgType> ByName(IReadOnlyList<QueryParameter> parameters) =>
        CatalogParameters.GetText(parameters, 0) is { } name && PgTypeCatalog.TryGetByName(name, out var type)
            ? [type]
            : [];

    private static PgType? ElementOf(PgType type) =>
        PgTypeCatalog.TryGetByOid(CatalogTypes.TypElem(type), out var element) ? element : null;

    /// <summary><c>n.nspname = $2 OR $3 AND n.nspname = ANY (current_schemas(true))</c> for pg_catalog.</summary>
    private static bool InSchema(IReadOnlyList<QueryParameter> parameters) =>
        CatalogParameters.GetText(parameters, 1) == CatalogTypes.Namespace || CatalogParameters.GetBool(parameters, 2) == true;
}

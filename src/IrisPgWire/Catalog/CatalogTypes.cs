using IrisPgWire.Types;

namespace IrisPgWire.Catalog;

/// <summary>
/// The pg_type columns drivers read that <see cref="PgType"/> does not carry itself, derived as PostgreSQL 15
/// sets them for the built-in types (src/include/catalog/pg_type.dat).
/// </summary>
internal static class CatalogTypes
{
    /// <summary>Every built-in type lives in pg_catalog.</summary>
    public const string Namespace = "pg_catalog";

    /// <summary>
    /// pg_type.typtype: 'p' for pseudo-types (category P, and unknown whose category is X), and for
    /// _record, which pg_type.dat declares a pseudo-type too; 'b' for every other type, arrays included.
    /// </summary>
    public static string TypType(PgType type)
    {
        if (type.IsArray)
            return type.ElementOid == PgTypeCatalog.Record.Oid ? "p" : "b";
        return type.Category is 'P' or 'X' ? "p" : "b";
    }

    /// <summary>
    /// pg_type.typelem: an array's element, and for name its char element (name is a fixed-length
    /// array of char that can be subscripted, pg_type.dat).
    /// </summary>
    public static uint TypElem(PgType type)
    {
        if (type.IsArray)
            return type.ElementOid;
        return type.Oid == PgTypeCatalog.Name.Oid ? PgTypeCatalog.Char.Oid : 0;
    }

    /// <summary>pg_type.typdelim: a comma for every built-in type but box.</summary>
    public static string TypDelim(PgType type) => ",";

    /// <summary>oid::regtype::text: format_type without a modifier.</summary>
    public static string RegTypeText(PgType type) => type.SqlName;

    /// <summary>The catalogue's types in OID order, as a scan of pg_type by its OID index returns them.</summary>
    public static readonly IReadOnlyList<PgType> ByOid = [.. PgTypeCatalog.All.OrderBy(t => t.Oid)];
}

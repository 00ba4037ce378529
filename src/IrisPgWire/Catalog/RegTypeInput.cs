using System.Globalization;
using IrisPgWire.Types;

namespace IrisPgWire.Catalog;

/// <summary>
/// The regtype input conversion (<c>'text[]'::regtype</c>, PostgreSQL source src/backend/utils/adt/regproc.c,
/// regtypein): a numeric OID, a pg_type name, or a type name as SQL spells it, optionally schema-qualified.
/// </summary>
internal static class RegTypeInput
{
    /// <summary>
    /// The type the text names, or null for an OID the catalogue does not hold (regtypein accepts any
    /// number). Throws 42704 <c>type "x" does not exist</c> for an unknown name, as regtypein does.
    /// </summary>
    public static PgType? Resolve(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit))
        {
            return uint.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var oid) &&
                PgTypeCatalog.TryGetByOid(oid, out var byOid)
                ? byOid
                : null;
        }
        return TryResolveName(trimmed) ?? PgTypeNames.Parse(trimmed).Type;
    }

    /// <summary>
    /// The common spellings without the full type-name grammar: pg_type names (<c>int4</c>, <c>_text</c>),
    /// format_type names (<c>integer</c>, <c>character varying</c>), each with an optional <c>pg_catalog.</c>
    /// and trailing <c>[]</c>.
    /// </summary>
    private static PgType? TryResolveName(string text)
    {
        var name = string.Join(' ', text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.StartsWith("pg_catalog.", StringComparison.Ordinal))
            name = name["pg_catalog.".Length..];
        var isArray = name.EndsWith("[]", StringComparison.Ordinal);
        if (isArray)
            name = name[..^2].TrimEnd();
        // char is a keyword of the type grammar meaning character (bpchar); only "char" quoted is the char type.
        if (name == "char")
            name = PgTypeCatalog.Bpchar.SqlName;
        var type = PgTypeCatalog.All.FirstOrDefault(t => t.Name == name || t.SqlName == name);
        if (type is null || !isArray)
            return type;
        return type.ArrayOid != 0 && PgTypeCatalog.TryGetByOid(type.ArrayOid, out var array) ? array : null;
    }
}

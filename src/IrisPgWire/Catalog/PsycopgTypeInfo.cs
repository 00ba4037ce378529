using System.Text.RegularExpressions;
using IrisPgWire.Backends;
using IrisPgWire.Errors;
using IrisPgWire.Types;
using static IrisPgWire.Catalog.CatalogResults;

namespace IrisPgWire.Catalog;

/// <summary>
/// Answers psycopg 3's <c>TypeInfo.fetch(conn, name)</c> (psycopg/_typeinfo.py): one pg_type row for the
/// type the name denotes through regtype.
/// </summary>
internal static partial class PsycopgTypeInfo
{
    private static readonly ResultColumn[] Columns =
    [
        Column("name", PgTypeCatalog.Name), Column("oid", PgTypeCatalog.Oid), Column("array_oid", PgTypeCatalog.Oid),
        Column("regtype", PgTypeCatalog.Text), Column("delimiter", PgTypeCatalog.Char),
    ];

    // The WHERE as psycopg writes it: a bound $1 (server-side binding) or an inlined literal (ClientCursor),
    // through a cast (which fails for an unknown name) or to_regtype (which gives NULL instead).
    [GeneratedRegex(@"where t\.oid=(?:(?<fn>to_regtype)\()?(?:\$1|'(?<literal>(?:[^']|'')*)')(?(fn)\)|::regtype)(?: order by t\.oid)?$")]
    private static partial Regex WhereClause();

    public static IQueryResult? Fetch(string normalizedSql, IReadOnlyList<QueryParameter> parameters)
    {
        var match = WhereClause().Match(normalizedSql);
        if (!match.Success)
            return null;
        var name = match.Groups["literal"].Success
            ? match.Groups["literal"].Value.Replace("''", "'", StringComparison.Ordinal)
            : CatalogParameters.GetText(parameters, 0);
        if (name is null)
            return Empty(Columns);
        PgType? type;
        try
        {
            type = RegTypeInput.Resolve(name);
        }
        catch (PgErrorException e) when (match.Groups["fn"].Success && e.SqlState == SqlState.UndefinedObject)
        {
            type = null;
        }
        return type is null
            ? Empty(Columns)
            : Rows(Columns, [[type.Name, type.Oid, type.ArrayOid, CatalogTypes.RegTypeText(type), CatalogTypes.TypDelim(type)]]);
    }
}

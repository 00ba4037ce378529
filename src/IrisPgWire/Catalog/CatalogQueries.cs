using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using IrisPgWire.Backends;
using IrisPgWire.Types;

namespace IrisPgWire.Catalog;

/// <summary>
/// Answers, from the server's own catalogue, the pg_catalog queries that drivers issue on their own
/// (Npgsql's type loading, psql's and pgjdbc's metadata queries), for every backend.
/// </summary>
/// <remarks>
/// Recognition is by distinctive fragments of each driver's query text (whitespace-insensitive), never by
/// guessing: anything not listed here goes to the backend. Sources: Npgsql 10 PostgresDatabaseInfo
/// (GenerateLoadTypesQuery, GenerateLoadCompositeTypesQuery, GenerateLoadEnumFieldsQuery).
/// </remarks>
public static partial class CatalogQueries
{
    /// <summary>Each known query: fragments that must all appear (whitespace collapsed), and the answer.</summary>
    private static readonly (string[] Fragments, Func<IQueryResult> Answer)[] Known =
    [
        (["SELECT ns.nspname, t.oid, t.typname, t.typtype, t.typnotnull, t.elemtypoid", "FROM pg_type AS typ"], NpgsqlTypes),
        (["SELECT typ.oid, att.attname, att.atttypid", "JOIN pg_attribute AS att"], NpgsqlCompositeFields),
        (["enumlabel FROM pg_enum JOIN pg_type", "ORDER BY oid"], NpgsqlEnumLabels),
    ];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>
    /// Answers the statement if it is a catalogue query the server knows; false otherwise, and then the
    /// statement goes to the backend.
    /// </summary>
    public static bool TryExecute(string sql, IReadOnlyList<QueryParameter> parameters, ISessionContext context,
        [NotNullWhen(true)] out IQueryResult? result)
    {
        result = null;
        if (!sql.Contains("pg_", StringComparison.Ordinal))
            return false;
        var normalized = Whitespace().Replace(sql, " ").Trim();
        foreach (var (fragments, answer) in Known)
        {
            if (normalized.StartsWith("SELECT ", StringComparison.Ordinal) &&
                fragments.All(f => normalized.Contains(f, StringComparison.Ordinal)))
            {
                result = answer();
                return true;
            }
        }
        return false;
    }

    /// <summary>One row per type Npgsql can map: base types (typtype b), record and void (p), and arrays (a) with their element.</summary>
    private static IQueryResult NpgsqlTypes()
    {
        var pseudo = new HashSet<string>(["record", "void"]);
        var excluded = new HashSet<string>(["unknown", "cstring"]);
        var rows = new List<object?[]>();
        foreach (var type in PgTypeCatalog.All.Where(t => !t.IsArray && !excluded.Contains(t.Name)))
            rows.Add(["pg_catalog", type.Oid, type.Name, pseudo.Contains(type.Name) ? "p" : "b", false, null]);
        foreach (var type in PgTypeCatalog.All.Where(t => t.IsArray))
        {
            if (PgTypeCatalog.TryGetByOid(type.ElementOid, out var element) && !excluded.Contains(element.Name))
                rows.Add(["pg_catalog", type.Oid, type.Name, "a", false, type.ElementOid]);
        }
        return new RowListResult(
        [
            Column("nspname", PgTypeCatalog.Name), Column("oid", PgTypeCatalog.Oid), Column("typname", PgTypeCatalog.Name),
            Column("typtype", PgTypeCatalog.Char), Column("typnotnull", PgTypeCatalog.Bool), Column("elemtypoid", PgTypeCatalog.Oid),
        ], rows);
    }

    /// <summary>No free-standing composite types exist here.</summary>
    private static IQueryResult NpgsqlCompositeFields() => new RowListResult(
        [Column("oid", PgTypeCatalog.Oid), Column("attname", PgTypeCatalog.Name), Column("atttypid", PgTypeCatalog.Oid)], []);

    /// <summary>No enum types exist here.</summary>
    private static IQueryResult NpgsqlEnumLabels() => new RowListResult(
        [Column("oid", PgTypeCatalog.Oid), Column("enumlabel", PgTypeCatalog.Name)], []);

    private static ResultColumn Column(string name, PgType type) => new(name, new PgTypeRef(type));
}

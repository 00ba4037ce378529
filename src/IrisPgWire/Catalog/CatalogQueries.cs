using System.Diagnostics.CodeAnalysis;
using IrisPgWire.Backends;

namespace IrisPgWire.Catalog;

/// <summary>
/// Answers, from the server's own catalogue, the pg_catalog queries that drivers issue on their own
/// (Npgsql's type loading, psycopg's and pgjdbc's type lookups), for every backend.
/// </summary>
/// <remarks>
/// Only the query shapes listed in <see cref="KnownCatalogQueries"/> are answered, each captured from the
/// driver named there; everything else, including a user's own queries over pg_catalog, goes to the backend.
/// </remarks>
public static class CatalogQueries
{
    /// <summary>
    /// Answers the statement if it is a catalogue query the server knows; false otherwise, and then the
    /// statement goes to the backend. With no parameters (Describe) the answer still has its columns.
    /// </summary>
    public static bool TryExecute(string sql, IReadOnlyList<QueryParameter> parameters, ISessionContext context,
        [NotNullWhen(true)] out IQueryResult? result)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        result = null;
        // Every known shape reads a pg_ relation; checking first keeps ordinary statements cheap.
        if (!sql.Contains("pg_", StringComparison.OrdinalIgnoreCase))
            return false;
        var normalized = CatalogSql.Normalize(sql);
        foreach (var shape in KnownCatalogQueries.All)
        {
            if (shape.Matches(normalized))
            {
                result = shape.Answer(normalized, parameters);
                return result is not null;
            }
        }
        return false;
    }
}

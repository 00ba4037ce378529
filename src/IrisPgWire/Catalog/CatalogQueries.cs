using System.Diagnostics.CodeAnalysis;
using IrisPgWire.Backends;

namespace IrisPgWire.Catalog;

/// <summary>
/// Answers, from the server's own catalogue, the pg_catalog queries that drivers issue on their own
/// (Npgsql's type loading, psql's and pgjdbc's metadata queries), for every backend.
/// </summary>
public static class CatalogQueries
{
    /// <summary>
    /// Answers the statement if it is a catalogue query the server knows; false otherwise, and then the
    /// statement goes to the backend.
    /// </summary>
    public static bool TryExecute(string sql, IReadOnlyList<QueryParameter> parameters, ISessionContext context,
        [NotNullWhen(true)] out IQueryResult? result) => throw new NotImplementedException();
}

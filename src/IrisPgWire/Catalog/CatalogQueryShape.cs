using IrisPgWire.Backends;

namespace IrisPgWire.Catalog;

/// <summary>
/// One catalogue query a driver sends on its own: where it comes from, how it is recognised, and how it is
/// answered. Recognition is either the whole statement (for short queries a user could otherwise come close
/// to) or a set of fragments that must all appear, both compared after <see cref="CatalogSql.Normalize"/>.
/// </summary>
internal sealed class CatalogQueryShape
{
    private readonly string? _exact;
    private readonly string[] _fragments;

    private CatalogQueryShape(string source, string? exact, string[] fragments,
        Func<string, IReadOnlyList<QueryParameter>, IQueryResult?> answer)
    {
        Source = source;
        _exact = exact;
        _fragments = fragments;
        Answer = answer;
    }

    /// <summary>The client and version the query text was captured from.</summary>
    public string Source { get; }

    /// <summary>
    /// Computes the answer from the normalized text and the bound parameters (none when describing), or
    /// null when a detail the fragments do not cover shows the statement is not the driver's after all.
    /// </summary>
    public Func<string, IReadOnlyList<QueryParameter>, IQueryResult?> Answer { get; }

    public static CatalogQueryShape Exact(string source, string sql,
        Func<string, IReadOnlyList<QueryParameter>, IQueryResult?> answer) =>
        new(source, CatalogSql.Normalize(sql), [], answer);

    public static CatalogQueryShape Fragments(string source, string[] fragments,
        Func<string, IReadOnlyList<QueryParameter>, IQueryResult?> answer) =>
        new(source, null, [.. fragments.Select(CatalogSql.Normalize)], answer);

    public bool Matches(string normalizedSql)
    {
        if (_exact is not null)
            return string.Equals(normalizedSql, _exact, StringComparison.Ordinal);
        if (!normalizedSql.StartsWith("select ", StringComparison.Ordinal))
            return false;
        foreach (var fragment in _fragments)
        {
            if (!normalizedSql.Contains(fragment, StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}

namespace IrisPgWire.Backends;

/// <summary>
/// The result of one statement, read forward once. For a statement without rows,
/// <see cref="Columns"/> is null and <see cref="CommandTag"/> is ready at once.
/// </summary>
public interface IQueryResult : IAsyncDisposable
{
    /// <summary>The result columns, or null when the statement returns no rows.</summary>
    IReadOnlyList<ResultColumn>? Columns { get; }

    /// <summary>Moves to the next row; false when there are no more.</summary>
    ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The current row's value in canonical form (see <see cref="Types.IPgCodec"/>), or null for SQL NULL.</summary>
    object? GetValue(int ordinal);

    /// <summary>
    /// The CommandComplete tag (<c>SELECT 3</c>, <c>INSERT 0 1</c>, <c>CREATE TABLE</c>); final once
    /// <see cref="ReadAsync"/> has returned false.
    /// </summary>
    string CommandTag { get; }
}

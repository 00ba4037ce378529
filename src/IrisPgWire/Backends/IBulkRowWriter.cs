namespace IrisPgWire.Backends;

/// <summary>
/// The store's fastest way to take rows for COPY FROM, bound to one table and column list. Rows arrive
/// as canonical values (see <see cref="Types.IPgCodec"/>) already checked against their column types.
/// Runs inside the session's transaction; it neither commits nor rolls back.
/// </summary>
public interface IBulkRowWriter : IAsyncDisposable
{
    /// <summary>
    /// Stores the first <paramref name="count"/> rows. On failure throws a <see cref="Errors.PgErrorException"/>
    /// and <see cref="FailedRow"/> is the index of the row that failed.
    /// </summary>
    ValueTask WriteAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken);

    int FailedRow { get; }

    /// <summary>
    /// Each table column's default as a canonical value, for columns a COPY leaves out (null where there is
    /// no default, or where it is only known once a row is stored, such as an identity).
    /// </summary>
    IReadOnlyList<object?> Defaults { get; }
}

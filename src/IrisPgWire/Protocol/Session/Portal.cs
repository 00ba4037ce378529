using IrisPgWire.Backends;

namespace IrisPgWire.Protocol.Session;

/// <summary>
/// A bound statement made by Bind. Its result is opened by the first Describe or Execute and read
/// forward across Executes with a row limit.
/// </summary>
internal sealed class Portal(PreparedStatement statement, IReadOnlyList<QueryParameter> parameters, short[] resultFormats)
    : IAsyncDisposable
{
    public PreparedStatement Statement { get; } = statement;
    public IReadOnlyList<QueryParameter> Parameters { get; } = parameters;
    public short[] ResultFormats { get; } = resultFormats;

    /// <summary>The open result of a query, once started.</summary>
    public IQueryResult? Result { get; set; }

    /// <summary>True once the statement ran to its end; a later Execute returns nothing more.</summary>
    public bool Completed { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Result is not null)
        {
            await Result.DisposeAsync().ConfigureAwait(false);
            Result = null;
        }
    }
}

namespace IrisPgWire.Backends;

/// <summary>The result of a statement that returns no rows: only its command tag.</summary>
public sealed class CommandResult(string commandTag) : IQueryResult
{
    public IReadOnlyList<ResultColumn>? Columns => null;
    public string CommandTag { get; } = commandTag;
    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
    public object? GetValue(int ordinal) => throw new InvalidOperationException("a command result has no rows");
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

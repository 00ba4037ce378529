using IrisPgWire.Backends;
using IrisPgWire.Errors;

namespace IrisPgWire.Benchmarks;

/// <summary>One connection to <see cref="DiscardBackend"/>: knows the patients table only.</summary>
public sealed class DiscardSession : IBackendSession
{
    public bool InTransaction { get; private set; }

    public ValueTask BeginAsync(bool forWriting, CancellationToken cancellationToken)
    {
        InTransaction = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        InTransaction = false;
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackAsync(CancellationToken cancellationToken) => CommitAsync(cancellationToken);

    public ValueTask SavepointAsync(string name, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<StatementDescription> DescribeAsync(string sql, IReadOnlyList<PgTypeOrUnknown> parameterTypes,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult(new StatementDescription([], Columns));

    public ValueTask<TableDefinition> GetTableAsync(string? schema, string name, CancellationToken cancellationToken) =>
        name == PatientsData.Table.Name
            ? ValueTask.FromResult(PatientsData.Table)
            : throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{name}\" does not exist");

    public ValueTask<IBulkRowWriter> OpenBulkWriterAsync(TableDefinition table, IReadOnlyList<ColumnDefinition> columns,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult<IBulkRowWriter>(new DiscardWriter(table.Columns.Count));

    /// <summary>Every query answers with the patients rows: COPY patients TO STDOUT selects them.</summary>
    public ValueTask<IQueryResult> ExecuteAsync(string sql, IReadOnlyList<QueryParameter> parameters, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IQueryResult>(new RowListResult(Columns, PatientsData.Instance.Values));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static IReadOnlyList<ResultColumn> Columns { get; } =
        [.. PatientsData.Table.Columns.Select(c => new ResultColumn(c.Name, c.Type, PatientsData.Table.Oid, c.Number))];
}

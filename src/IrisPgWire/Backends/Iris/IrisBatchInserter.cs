using System.Data.Common;
using IrisPgWire.Errors;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Sends rows to IRIS with one <see cref="IrisInsertStrategy"/> over an open connection (and its transaction, when
/// there is one): statements from <see cref="IrisInsertWriter"/>, values as positional <c>?</c> parameters in
/// order ("Using SQL Queries with IRISParameter", BNET_ado), each statement text made into a command once and re-executed (IRIS compiles a statement text once and keeps it as a cached query, "Cached Queries", GSQLOPT_cachedqueries).
/// </summary>
/// <remarks>
/// When a statement that carries several rows fails, the rows of that statement are sent again one at a time, so
/// the error names the row that caused it (PostgreSQL's COPY CONTEXT gives its line). That replay runs in the same
/// transaction, which the failed COPY rolls back anyway; it relies on a failed multi-row INSERT leaving none of
/// its rows, which iris-probe checks on a real instance.
/// </remarks>
public sealed class IrisBatchInserter : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly IrisInsertWriter _writer;
    private readonly int _rowsPerStatement;
    private readonly Dictionary<int, DbCommand> _commands = [];
    private readonly List<object?[]> _chunk = [];

    /// <param name="connection">An open connection.</param>
    /// <param name="writer">The statements for the target table and columns.</param>
    /// <param name="strategy">The statement shape; JsonTable falls back to UnionAll for tables JSON cannot carry (bytea).</param>
    /// <param name="rowsPerStatement">Rows per UnionAll or JsonTable statement (at least 1).</param>
    public IrisBatchInserter(DbConnection connection, IrisInsertWriter writer, IrisInsertStrategy strategy, int rowsPerStatement)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerStatement, 1);
        _connection = connection;
        _writer = writer;
        Strategy = strategy == IrisInsertStrategy.JsonTable && !writer.SupportsJsonTable ? IrisInsertStrategy.UnionAll : strategy;
        _rowsPerStatement = Strategy == IrisInsertStrategy.SingleRow ? 1 : rowsPerStatement;
    }

    /// <summary>The strategy in use (see the constructor for when it differs from the one asked for).</summary>
    public IrisInsertStrategy Strategy { get; }

    /// <summary>The transaction commands run in; set before each write when it changes.</summary>
    public DbTransaction? Transaction { get; set; }

    /// <summary>The index (in the last <see cref="InsertAsync"/> call's rows) of the row that failed.</summary>
    public int FailedRow { get; private set; } = -1;

    /// <summary>
    /// The default rows per statement for a table of <paramref name="columns"/> columns: about 1,000 parameters per
    /// UnionAll statement, 1,000 rows per JSON document (the document's size is checked as it is built).
    /// </summary>
    public static int DefaultRowsPerStatement(IrisInsertStrategy strategy, int columns) => strategy switch
    {
        IrisInsertStrategy.UnionAll => Math.Clamp(1000 / Math.Max(1, columns), 1, 500),
        IrisInsertStrategy.JsonTable => 1000,
        _ => 1,
    };

    /// <summary>Inserts the first <paramref name="count"/> rows; throws <see cref="PgErrorException"/> with <see cref="FailedRow"/> set.</summary>
    public async ValueTask InsertAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken)
    {
        FailedRow = -1;
        for (var start = 0; start < count; start += _rowsPerStatement)
        {
            var n = Math.Min(_rowsPerStatement, count - start);
            _chunk.Clear();
            for (var i = 0; i < n; i++)
                _chunk.Add(rows[start + i]);
            try
            {
                await ExecuteAsync(Strategy, _chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (PgErrorException e) when (n > 1 && e.SqlState == SqlState.ProgramLimitExceeded)
            {
                // A JSON document over IRIS's string limit: this chunk's rows go one at a time.
                await ReplayAsync(start, cancellationToken).ConfigureAwait(false);
            }
            catch (PgErrorException)
            {
                FailedRow = start;
                throw;
            }
            catch (DbException e) when (n > 1 && !IrisDbErrors.IsConnectionLoss(e))
            {
                await ReplayAsync(start, cancellationToken).ConfigureAwait(false);
                // The replay found nothing wrong: report the statement's own error at its first row.
                FailedRow = start;
                throw IrisDbErrors.Map(e);
            }
            catch (DbException e)
            {
                FailedRow = start;
                throw IrisDbErrors.Map(e);
            }
        }
    }

    private async ValueTask ReplayAsync(int start, CancellationToken cancellationToken)
    {
        var rows = _chunk.ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            try
            {
                await ExecuteAsync(IrisInsertStrategy.SingleRow, [rows[i]], cancellationToken).ConfigureAwait(false);
            }
            catch (PgErrorException)
            {
                FailedRow = start + i;
                throw;
            }
            catch (DbException e)
            {
                FailedRow = start + i;
                throw IrisDbErrors.Map(e);
            }
        }
    }

    private async ValueTask ExecuteAsync(IrisInsertStrategy strategy, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        // Only full-size statements are kept: the shorter last statement of a write differs from call to call.
        var keep = strategy != IrisInsertStrategy.UnionAll || rows.Count == _rowsPerStatement;
        var command = keep ? Cached(strategy, rows.Count) : Create(strategy, rows.Count);
        try
        {
            await RunAsync(command, strategy, rows, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!keep)
                await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask RunAsync(DbCommand command, IrisInsertStrategy strategy, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        command.Transaction = Transaction;
        if (strategy == IrisInsertStrategy.JsonTable)
        {
            command.Parameters[0].Value = _writer.JsonDocument(rows);
        }
        else
        {
            var values = _writer.Parameters(rows);
            for (var i = 0; i < values.Length; i++)
                command.Parameters[i].Value = values[i];
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Cached(IrisInsertStrategy strategy, int rows)
    {
        var key = strategy == IrisInsertStrategy.SingleRow ? 0 : strategy == IrisInsertStrategy.JsonTable ? -1 : rows;
        if (!_commands.TryGetValue(key, out var command))
            _commands[key] = command = Create(strategy, rows);
        return command;
    }

    private DbCommand Create(IrisInsertStrategy strategy, int rows)
    {
        var command = _connection.CreateCommand();
        command.CommandText = _writer.Statement(strategy, rows);
        var parameters = strategy == IrisInsertStrategy.JsonTable ? 1 : rows * _writer.Columns.Count;
        for (var i = 0; i < parameters; i++)
            command.Parameters.Add(command.CreateParameter());
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
            await command.DisposeAsync().ConfigureAwait(false);
        _commands.Clear();
    }
}

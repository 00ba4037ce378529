using System.Data;
using System.Data.Common;
using IrisPgWire.Errors;

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// One client session on a remote store. It leases a pooled connection only while it needs one: for the
/// length of a transaction, and for as long as a result or bulk writer it opened is in use; otherwise the
/// connection serves other sessions. The server answers SET, SHOW, prepared statements and the catalogue
/// itself, so nothing session-scoped lives on the store's connection.
/// </summary>
/// <remarks>
/// Transactions map one to one onto the store's (DbTransaction), savepoints onto its savepoint statements.
/// A lost connection is never pooled again; the first statement after leasing an idle connection that
/// turns out to be stale (the store restarted while it sat in the pool) is retried once on a new one,
/// which is safe because nothing had been sent in its transaction yet.
/// </remarks>
internal sealed class RemoteSession : IBackendSession
{
    private readonly RemoteConnectionPool _pool;
    private readonly IRemoteDialect _dialect;
    private RemoteConnection? _lease;

    /// <summary>Results and bulk writers that use the lease; it is returned when none is open and no transaction is.</summary>
    private int _uses;

    /// <summary>True from leasing an idle connection until a statement on it succeeds: a failure then may be a stale connection.</summary>
    private bool _untried;

    private bool _readerOpen;

    public RemoteSession(RemoteConnectionPool pool, IRemoteDialect dialect)
    {
        _pool = pool;
        _dialect = dialect;
    }

    public bool InTransaction { get; private set; }

    public async ValueTask BeginAsync(bool forWriting, CancellationToken cancellationToken)
    {
        await LeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The lease is read inside the call: a stale one may be swapped for a new connection on the way.
            var transaction = await GuardAsync(() => _lease!.Connection.BeginTransactionAsync(cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            _lease!.Transaction = transaction;
            InTransaction = true;
        }
        finally
        {
            if (!InTransaction)
                await ReleaseIfIdleAsync().ConfigureAwait(false);
        }
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken) => EndAsync(commit: true, cancellationToken);

    public ValueTask RollbackAsync(CancellationToken cancellationToken) => EndAsync(commit: false, cancellationToken);

    private async ValueTask EndAsync(bool commit, CancellationToken cancellationToken)
    {
        InTransaction = false;
        var lease = _lease;
        var transaction = lease?.Transaction;
        if (lease is null || transaction is null)
            return;
        try
        {
            if (lease.Broken)
            {
                // The store ended the transaction with the connection: a commit cannot have happened.
                if (commit)
                    throw LostError();
                return;
            }
            await GuardAsync(async () =>
            {
                if (commit)
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                else
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PgErrorException) when (!commit && lease.Broken)
        {
            // Rolling back over a connection that just died: the store discards the transaction itself.
        }
        finally
        {
            lease.Transaction = null;
            await DisposeQuietlyAsync(transaction).ConfigureAwait(false);
            await ReleaseIfIdleAsync().ConfigureAwait(false);
        }
    }

    public ValueTask SavepointAsync(string name, CancellationToken cancellationToken) =>
        SavepointAsync(SavepointAction.Create, name, cancellationToken);

    public ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken) =>
        SavepointAsync(SavepointAction.Release, name, cancellationToken);

    public ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken) =>
        SavepointAsync(SavepointAction.RollbackTo, name, cancellationToken);

    private async ValueTask SavepointAsync(SavepointAction action, string name, CancellationToken cancellationToken)
    {
        if (_dialect.SavepointStatement(action, name) is not { } sql)
            return;
        RequireTransaction();
        await GuardAsync(async () =>
        {
            var command = _lease!.CreateCommand(sql);
            await using (command.ConfigureAwait(false))
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<StatementDescription> DescribeAsync(string sql, IReadOnlyList<PgTypeOrUnknown> parameterTypes,
        CancellationToken cancellationToken) =>
        WithLeaseAsync(lease => _dialect.DescribeStatementAsync(lease, sql, parameterTypes, cancellationToken), cancellationToken);

    public ValueTask<TableDefinition> GetTableAsync(string? schema, string name, CancellationToken cancellationToken) =>
        WithLeaseAsync(lease => _dialect.DescribeTableAsync(lease, schema, name, cancellationToken), cancellationToken);

    public async ValueTask<IBulkRowWriter> OpenBulkWriterAsync(TableDefinition table, IReadOnlyList<ColumnDefinition> columns,
        CancellationToken cancellationToken)
    {
        // COPY FROM always runs inside a transaction (the session opens one around it), so the writer's
        // batches and any ROWS_PER_TRANSACTION commits all go over this one connection.
        var lease = RequireTransaction();
        var writer = await GuardAsync(() => _dialect.OpenBulkWriterAsync(lease, table, columns, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        _uses++;
        return new RemoteBulkWriter(this, writer);
    }

    public async ValueTask<IQueryResult> ExecuteAsync(string sql, IReadOnlyList<QueryParameter> parameters,
        CancellationToken cancellationToken)
    {
        if (_readerOpen)
        {
            // ADO.NET connections run one command at a time and each transaction lives on one connection.
            throw new PgErrorException(SqlState.FeatureNotSupported,
                $"the {_dialect.Name} backend runs one statement at a time per session: another portal's result is still open",
                hint: "Read the open portal to its end, or close it, before executing another statement.");
        }
        await LeaseAsync(cancellationToken).ConfigureAwait(false);
        _uses++;
        DbCommand? command = null;
        DbDataReader? reader = null;
        try
        {
            (command, reader) = await GuardAsync(async () =>
            {
                var created = _dialect.CreateCommand(_lease!, sql, parameters);
                try
                {
                    return (created, await created.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false));
                }
                catch
                {
                    await created.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
            if (reader.FieldCount == 0)
            {
                var tag = RemoteCommandTag.For(sql, _dialect.AffectedRows(reader), 0);
                await CloseReaderAsync(command, reader, finished: true).ConfigureAwait(false);
                await ReleaseUseAsync().ConfigureAwait(false);
                return new CommandResult(tag);
            }
            var columns = _dialect.DescribeResult(reader);
            _readerOpen = true;
            return new RemoteQueryResult(this, _dialect, sql, command, reader, columns);
        }
        catch
        {
            if (!_readerOpen)
            {
                if (reader is not null)
                    await CloseReaderAsync(command!, reader, finished: false).ConfigureAwait(false);
                else if (command is not null)
                    await DisposeQuietlyAsync(command).ConfigureAwait(false);
                await ReleaseUseAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (InTransaction)
            await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        if (_lease is { } lease)
        {
            _lease = null;
            _uses = 0;
            await _pool.ReturnAsync(lease).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one call to the provider, turning its failures into PostgreSQL's errors. A lost connection is
    /// marked so it is never pooled again; a stale pooled one is swapped for a new connection and the call retried once.
    /// </summary>
    internal async ValueTask<T> GuardAsync<T>(Func<ValueTask<T>> action, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = _lease;
            try
            {
                var value = await action().ConfigureAwait(false);
                _untried = false;
                return value;
            }
            catch (OperationCanceledException)
            {
                if (lease is not null && lease.Connection.State != ConnectionState.Open)
                    _pool.Invalidate(lease, "the connection closed while a statement was being canceled");
                throw;
            }
            catch (Exception e) when (e is not PgErrorException)
            {
                if (lease is null || !_dialect.IsConnectionLost(e, lease.Connection))
                    throw _dialect.MapError(e);
                _pool.Invalidate(lease, e.Message);
                if (!_untried || _uses > 1)
                    throw _dialect.MapError(e);
                await ReplaceStaleLeaseAsync(lease, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Puts a new connection in place of a stale one, reopening the transaction when one was open on it.</summary>
    private async ValueTask ReplaceStaleLeaseAsync(RemoteConnection stale, CancellationToken cancellationToken)
    {
        RemoteLog.StaleConnectionRetried(_pool.Logger, _dialect.Name);
        var hadTransaction = stale.Transaction is not null;
        if (stale.Transaction is { } transaction)
            await DisposeQuietlyAsync(transaction).ConfigureAwait(false);
        stale.Transaction = null;
        _lease = null;
        await _pool.ReturnAsync(stale).ConfigureAwait(false);
        var (fresh, _) = await _pool.RentAsync(allowIdle: false, cancellationToken).ConfigureAwait(false);
        _lease = fresh;
        _untried = false;
        if (hadTransaction)
            fresh.Transaction = await GuardAsync(() => fresh.Connection.BeginTransactionAsync(cancellationToken), cancellationToken)
                .ConfigureAwait(false);
    }

    /// <summary>Ends a reader: one read to its end is simply closed; one left early is canceled first outside a transaction.</summary>
    internal async ValueTask CloseReaderAsync(DbCommand command, DbDataReader reader, bool finished)
    {
        _readerOpen = false;
        var lease = _lease;
        try
        {
            // Closing a reader early reads the rest of its rows; outside a transaction the statement is
            // canceled instead, so an abandoned COPY TO does not drain a whole table. Inside one, a cancel
            // would abort the store's transaction, so the rest is read and dropped.
            if (!finished && !InTransaction && lease is { Broken: false })
                command.Cancel();
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException or OperationCanceledException)
        {
            if (lease is not null && (lease.Broken || _dialect.IsConnectionLost(e, lease.Connection)))
                _pool.Invalidate(lease, e.Message);
        }
        finally
        {
            await DisposeQuietlyAsync(command).ConfigureAwait(false);
        }
    }

    /// <summary>A result or bulk writer is done with the lease.</summary>
    internal ValueTask ReleaseUseAsync()
    {
        _uses = Math.Max(0, _uses - 1);
        return ReleaseIfIdleAsync();
    }

    internal PgErrorException LostError() =>
        new(SqlState.ConnectionFailure, $"the connection to the {_dialect.Name} store was lost; the transaction was rolled back",
            hint: "Nothing of the transaction was committed; retry it.");

    private RemoteConnection RequireTransaction() =>
        InTransaction && _lease is { } lease
            ? lease
            : throw new InvalidOperationException("the remote session has no transaction open");

    private async ValueTask<RemoteConnection> LeaseAsync(CancellationToken cancellationToken)
    {
        if (_lease is { } held)
        {
            if (held.Broken && !InTransaction && _uses == 0)
                await ReleaseIfIdleAsync().ConfigureAwait(false);
            else
                return held;
        }
        var (lease, reused) = await _pool.RentAsync(allowIdle: true, cancellationToken).ConfigureAwait(false);
        _lease = lease;
        _untried = reused;
        return lease;
    }

    private async ValueTask<T> WithLeaseAsync<T>(Func<RemoteConnection, ValueTask<T>> action, CancellationToken cancellationToken)
    {
        await LeaseAsync(cancellationToken).ConfigureAwait(false);
        _uses++;
        try
        {
            return await GuardAsync(() => action(_lease!), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseUseAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask ReleaseIfIdleAsync()
    {
        if (_lease is not { } lease || InTransaction || _uses > 0)
            return;
        _lease = null;
        await _pool.ReturnAsync(lease).ConfigureAwait(false);
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
        {
            // Disposing after the connection was lost; nothing is left to release on the store.
        }
    }
}

using IrisPgWire.Backends;
using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Protocol.Session;

/// <summary>
/// A session's transaction with PostgreSQL's rules (xact.c): implicit transactions around multi-statement
/// queries and extended-protocol batches, BEGIN/COMMIT/ROLLBACK with their warnings, savepoints, and the
/// failed-block state that refuses everything but ROLLBACK with 25P02.
/// </summary>
internal sealed class SessionTransaction(IBackendSession backend, SessionSettings settings, Func<ValueTask> closePortals,
    Action<PgErrorException> notice)
{
    private readonly List<string> _savepoints = [];

    public TransactionState State { get; private set; }

    public bool Active => State != TransactionState.None;

    /// <summary>Start of the current transaction, as now() reports it.</summary>
    public DateTimeOffset Start { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>'I', 'T' or 'E' for ReadyForQuery.</summary>
    public byte Status => State switch
    {
        TransactionState.Block => (byte)'T',
        TransactionState.Failed => (byte)'E',
        _ => (byte)'I',
    };

    public void RefuseIfFailed()
    {
        if (State == TransactionState.Failed)
        {
            throw new PgErrorException(SqlState.InFailedSqlTransaction,
                "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    public async ValueTask BeginImplicitAsync(bool forWriting, CancellationToken cancellationToken)
    {
        if (State != TransactionState.None)
            return;
        await backend.BeginAsync(forWriting, cancellationToken).ConfigureAwait(false);
        Started(TransactionState.Implicit);
    }

    public async ValueTask EndImplicitAsync(CancellationToken cancellationToken)
    {
        if (State == TransactionState.Implicit)
            await EndAsync(commit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What an error does to the transaction: a block becomes failed; an implicit transaction is rolled back.
    /// A rollback that fails is returned for logging, never thrown over the error being reported.
    /// </summary>
    public async ValueTask<PgErrorException?> OnErrorAsync(CancellationToken cancellationToken)
    {
        if (State == TransactionState.Block)
        {
            State = TransactionState.Failed;
        }
        else if (State == TransactionState.Implicit)
        {
            try
            {
                await EndAsync(commit: false, cancellationToken).ConfigureAwait(false);
            }
            catch (PgErrorException e)
            {
                return e;
            }
        }
        return null;
    }

    /// <summary>BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK TO; returns the command tag.</summary>
    public async ValueTask<string> ControlAsync(ClassifiedStatement statement, CancellationToken cancellationToken)
    {
        switch (statement.Kind)
        {
            case StatementKind.Begin:
                if (State is TransactionState.Block or TransactionState.Failed)
                {
                    Warn(SqlState.ActiveSqlTransaction, "there is already a transaction in progress");
                }
                else if (State == TransactionState.Implicit)
                {
                    // BEGIN inside a multi-statement query turns its implicit transaction into a block.
                    State = TransactionState.Block;
                }
                else
                {
                    await backend.BeginAsync(forWriting: true, cancellationToken).ConfigureAwait(false);
                    Started(TransactionState.Block);
                }
                return "BEGIN";
            case StatementKind.Commit:
                if (State == TransactionState.Failed)
                {
                    await EndAsync(commit: false, cancellationToken).ConfigureAwait(false);
                    return "ROLLBACK";
                }
                if (State != TransactionState.Block)
                    Warn(SqlState.NoActiveSqlTransaction, "there is no transaction in progress");
                if (Active)
                    await EndAsync(commit: true, cancellationToken).ConfigureAwait(false);
                return "COMMIT";
            case StatementKind.Rollback:
                if (State is not (TransactionState.Block or TransactionState.Failed))
                    Warn(SqlState.NoActiveSqlTransaction, "there is no transaction in progress");
                if (Active)
                    await EndAsync(commit: false, cancellationToken).ConfigureAwait(false);
                return "ROLLBACK";
            case StatementKind.Savepoint:
                RequireBlock("SAVEPOINT");
                await backend.SavepointAsync(statement.Name!, cancellationToken).ConfigureAwait(false);
                _savepoints.Add(statement.Name!);
                return "SAVEPOINT";
            case StatementKind.ReleaseSavepoint:
            {
                RequireBlock("RELEASE SAVEPOINT");
                var index = FindSavepoint(statement.Name!);
                await backend.ReleaseSavepointAsync(statement.Name!, cancellationToken).ConfigureAwait(false);
                _savepoints.RemoveRange(index, _savepoints.Count - index);
                return "RELEASE";
            }
            case StatementKind.RollbackToSavepoint:
            {
                RequireBlock("ROLLBACK TO SAVEPOINT");
                var index = FindSavepoint(statement.Name!);
                await backend.RollbackToSavepointAsync(statement.Name!, cancellationToken).ConfigureAwait(false);
                _savepoints.RemoveRange(index + 1, _savepoints.Count - index - 1);
                State = TransactionState.Block;
                return "ROLLBACK";
            }
            default:
                throw new ArgumentException($"{statement.Kind} is not transaction control", nameof(statement));
        }
    }

    private async ValueTask EndAsync(bool commit, CancellationToken cancellationToken)
    {
        var was = State;
        State = TransactionState.None;
        _savepoints.Clear();
        // Portals live no longer than their transaction, and an open reader would block the commit.
        await closePortals().ConfigureAwait(false);
        try
        {
            if (backend.InTransaction)
            {
                if (commit)
                    await backend.CommitAsync(cancellationToken).ConfigureAwait(false);
                else
                    await backend.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
            settings.OnTransactionEnd(commit);
        }
        catch (PgErrorException) when (commit && was != TransactionState.None)
        {
            // A failed commit leaves nothing committed: roll back what is left, then report.
            if (backend.InTransaction)
                await backend.RollbackAsync(cancellationToken).ConfigureAwait(false);
            settings.OnTransactionEnd(committed: false);
            throw;
        }
    }

    private void Started(TransactionState state)
    {
        State = state;
        Start = DateTimeOffset.UtcNow;
        settings.OnTransactionStart();
    }

    private void RequireBlock(string what)
    {
        if (State is not (TransactionState.Block or TransactionState.Failed))
            throw new PgErrorException(SqlState.NoActiveSqlTransaction, $"{what} can only be used in transaction blocks");
    }

    private int FindSavepoint(string name)
    {
        var index = _savepoints.LastIndexOf(name);
        return index >= 0
            ? index
            : throw new PgErrorException(SqlState.InvalidSavepointSpecification, $"savepoint \"{name}\" does not exist");
    }

    private void Warn(string sqlState, string message) =>
        notice(new PgErrorException(sqlState, message, severity: ErrorSeverity.Warning));
}

using IrisPgWire.Errors;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// One client's connection to the embedded store: its own <see cref="SqliteConnection"/>, transaction
/// state, and the translation of each PostgreSQL statement it runs.
/// </summary>
internal sealed class SqliteBackendSession : IBackendSession
{
    private const string StatementSavepoint = "\"__pgwire_statement\"";
    private PgErrorException? _pendingError;

    public SqliteBackendSession(SqliteBackend backend, SqliteConnection connection, ISessionContext context)
    {
        Backend = backend;
        Connection = connection;
        Context = context;
        SqliteFunctions.Register(connection, this);
    }

    public SqliteBackend Backend { get; }

    public SqliteConnection Connection { get; }

    public ISessionContext Context { get; }

    public SqliteSequences Sequences => Backend.Sequences;

    public bool InTransaction { get; private set; }

    /// <summary>
    /// A table's definition as this session sees it (inside its transaction), or null. The COPY engine uses
    /// this to learn a table's columns, their PostgreSQL types, attnums, NOT NULL and defaults.
    /// </summary>
    public SqliteTableDefinition? FindTable(string name, string schema = "public") =>
        schema == "public" ? SqliteCatalog.Find(Connection, schema, name) : null;

    /// <summary>Async form of <see cref="FindTable"/> for callers outside this folder.</summary>
    public ValueTask<SqliteTableDefinition?> FindTableAsync(string? schema, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(FindTable(name, schema ?? "public"));
    }

    public ValueTask BeginAsync(CancellationToken cancellationToken)
    {
        if (InTransaction)
            return ValueTask.CompletedTask;
        // IMMEDIATE takes the write lock now, so concurrent writers wait (busy timeout) instead of failing
        // later with SQLITE_BUSY when a read transaction tries to upgrade.
        ExecuteRaw("BEGIN IMMEDIATE");
        InTransaction = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        if (InTransaction)
        {
            InTransaction = false;
            ExecuteRaw("COMMIT");
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        if (InTransaction)
        {
            InTransaction = false;
            if (!Connection.Handle!.IsInvalid && SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0)
                ExecuteRaw("ROLLBACK");
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask SavepointAsync(string name, CancellationToken cancellationToken)
    {
        RequireTransaction("SAVEPOINT");
        ExecuteRaw("SAVEPOINT " + SqliteExpressionWriter.Quote(name));
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken)
    {
        RequireTransaction("RELEASE SAVEPOINT");
        ExecuteRaw("RELEASE SAVEPOINT " + SqliteExpressionWriter.Quote(name));
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken)
    {
        RequireTransaction("ROLLBACK TO SAVEPOINT");
        ExecuteRaw("ROLLBACK TO SAVEPOINT " + SqliteExpressionWriter.Quote(name));
        return ValueTask.CompletedTask;
    }

    public ValueTask<StatementDescription> DescribeAsync(string sql, IReadOnlyList<PgTypeOrUnknown> parameterTypes,
        CancellationToken cancellationToken)
    {
        var given = parameterTypes.Select(p => p.Type == PgTypeCatalog.Unknown ? null : p.Type).ToList();
        var translation = Translate(sql, given);
        var count = Math.Max(translation.MaxParameter, given.Count);
        var types = new List<PgType>(count);
        var writerSlots = translation.Slots;
        for (var n = 1; n <= count; n++)
        {
            var slot = writerSlots.FirstOrDefault(s => s.ParameterNumber == n);
            types.Add(n <= given.Count && given[n - 1] is { } g ? g : slot?.InferredType?.Type ?? PgTypeCatalog.Text);
        }
        IReadOnlyList<ResultColumn>? columns = null;
        if (translation.Columns is not null || translation.ColumnsFromReader)
        {
            columns = translation.ColumnsFromReader
                ? DescribeFromSqlite(translation)
                : [.. translation.Columns!.Select(c => new ResultColumn(c.Name, c.Type ?? new PgTypeRef(PgTypeCatalog.Text), c.TableOid, c.ColumnNumber))];
        }
        return ValueTask.FromResult(new StatementDescription(types, columns));
    }

    /// <summary>Column names of a query whose shape only SQLite knows, without running it (LIMIT 0).</summary>
    private List<ResultColumn> DescribeFromSqlite(SqliteTranslation translation)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT * FROM (" + translation.Sql + ") LIMIT 0";
        for (var k = 0; k < translation.Slots.Count; k++)
            cmd.Parameters.AddWithValue(translation.Slots[k].Name(k), DBNull.Value);
        try
        {
            using var reader = cmd.ExecuteReader();
            return [.. Enumerable.Range(0, reader.FieldCount).Select(k => new ResultColumn(reader.GetName(k), new PgTypeRef(PgTypeCatalog.Text)))];
        }
        catch (SqliteException ex)
        {
            throw SqliteErrorMapper.Map(ex, this);
        }
    }

    public async ValueTask<IQueryResult> ExecuteAsync(string sql, IReadOnlyList<QueryParameter> parameters,
        CancellationToken cancellationToken)
    {
        var given = parameters.Select(p => p.Type == PgTypeCatalog.Unknown ? null : (PgType?)p.Type).ToList();
        var translation = Translate(sql, given);
        if (translation.Ddl is { } ddl)
            return new CommandResult(RunInStatementSavepoint(ddl));
        if (translation.MaxParameter > parameters.Count)
            throw new PgErrorException(SqlState.UndefinedParameter, $"there is no parameter ${translation.MaxParameter}");

        foreach (var (table, column) in translation.Sequences)
            SeedSequence(table, column);

        var cmd = Connection.CreateCommand();
        try
        {
            cmd.CommandText = translation.Sql;
            for (var k = 0; k < translation.Slots.Count; k++)
            {
                var slot = translation.Slots[k];
                object? value = slot.ParameterNumber > 0 ? parameters[slot.ParameterNumber - 1].Value : slot.Literal;
                if (value is string text && slot.InferredType is { } inferred && slot.GivenType is null)
                    value = SqliteValues.ToCanonical(text, inferred, Context.FormatSettings);
                cmd.Parameters.AddWithValue(slot.Name(k), value is null ? DBNull.Value : SqliteValues.ToStorage(value));
            }
            if (translation.Columns is null && !translation.ColumnsFromReader)
            {
                var n = await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await cmd.DisposeAsync().ConfigureAwait(false);
                return new CommandResult(translation.TagVerb == "INSERT" ? $"INSERT 0 {n}" : $"{translation.TagVerb} {n}");
            }
            return await SqliteQueryResult.CreateAsync(cmd, this, translation, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            await cmd.DisposeAsync().ConfigureAwait(false);
            throw SqliteErrorMapper.Map(ex, this);
        }
        catch
        {
            await cmd.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private SqliteTranslation Translate(string sql, IReadOnlyList<PgType?> given) =>
        new SqliteStatementTranslator(sql, given, name => FindTable(name)).Translate();

    /// <summary>A multi-step statement (DDL and its catalogue rows) is all or nothing, in or out of a transaction.</summary>
    private string RunInStatementSavepoint(Func<SqliteBackendSession, string> action)
    {
        ExecuteRaw("SAVEPOINT " + StatementSavepoint);
        try
        {
            var tag = action(this);
            ExecuteRaw("RELEASE SAVEPOINT " + StatementSavepoint);
            return tag;
        }
        catch
        {
            ExecuteRaw("ROLLBACK TO SAVEPOINT " + StatementSavepoint);
            ExecuteRaw("RELEASE SAVEPOINT " + StatementSavepoint);
            throw;
        }
    }

    private void SeedSequence(SqliteTableDefinition table, SqliteColumnDefinition column)
    {
        if (Sequences.IsSeeded(table.Oid, column.Number))
            return;
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = $"SELECT coalesce(max({SqliteExpressionWriter.Quote(column.Name)}), 0) FROM {SqliteExpressionWriter.Quote(table.Name)}";
        Sequences.Seed(table.Oid, column.Number, Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public void ExecuteRaw(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        try
        {
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrorMapper.Map(ex, this);
        }
    }

    public string? FindConstraintTable(string constraint)
    {
        try
        {
            return SqliteCatalog.FindConstraintTable(Connection, constraint);
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    public string? FindUniqueConstraintName(string table, string columns)
    {
        try
        {
            return SqliteCatalog.FindUniqueConstraint(Connection, table, columns);
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs code called from inside SQLite (a registered function): Microsoft.Data.Sqlite keeps only the
    /// message of an exception thrown there, so the PostgreSQL error is kept here and rethrown intact.
    /// </summary>
    public T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (PgErrorException ex)
        {
            _pendingError = ex;
            throw;
        }
    }

    public PgErrorException? TakePendingError()
    {
        var e = _pendingError;
        _pendingError = null;
        return e;
    }

    private void RequireTransaction(string what)
    {
        if (!InTransaction)
            throw new PgErrorException(SqlState.NoActiveSqlTransaction, $"{what} can only be used in transaction blocks");
    }
}

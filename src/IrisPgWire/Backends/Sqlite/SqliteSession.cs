using IrisPgWire.Errors;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// One client's connection to the embedded store. Outside a transaction SQLite commits each statement
/// on its own; DDL that also writes the server's metadata runs inside a savepoint so both land or neither.
/// </summary>
internal sealed class SqliteSession : IBackendSession, IRawTableReaderProvider
{
    private readonly SqliteConnection _connection;
    private readonly SqliteFunctions _functions;
    private readonly ISessionContext _context;

    /// <summary>SQLite's own wait for a lock in statements other than BEGIN (the connection's PRAGMA busy_timeout).</summary>
    private const int BusyTimeoutMs = 30000;

    public SqliteSession(SqliteConnection connection, ISessionContext context)
    {
        _connection = connection;
        _context = context;
        _functions = new SqliteFunctions(context);
        _functions.Register(connection);
    }

    public bool InTransaction { get; private set; }

    public async ValueTask BeginAsync(bool forWriting, CancellationToken cancellationToken)
    {
        // A writer takes the write lock at once (IMMEDIATE), so it waits for another writer now rather than
        // failing when it first writes; a reader takes none, so in WAL mode it never waits for a writer.
        if (forWriting)
            await BeginImmediateAsync(cancellationToken).ConfigureAwait(false);
        else
            Run("BEGIN DEFERRED");
        InTransaction = true;
    }

    /// <summary>
    /// Waits for the store's write lock here rather than in SQLite's busy handler, so the wait honours
    /// lock_timeout (55P03 "canceling statement due to lock timeout", as PostgreSQL's lock waits do) and
    /// stops at once on cancel or statement_timeout.
    /// </summary>
    private async ValueTask BeginImmediateAsync(CancellationToken cancellationToken)
    {
        var handle = _connection.Handle;
        var timeoutMs = Protocol.Session.SettingValues.ParseMilliseconds("lock_timeout", _context.GetSetting("lock_timeout"));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        raw.sqlite3_busy_timeout(handle, 0);
        try
        {
            var delay = 1;
            while (true)
            {
                var rc = raw.sqlite3_exec(handle, "BEGIN IMMEDIATE");
                if (rc == raw.SQLITE_OK)
                    return;
                if (rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED))
                    throw SqliteErrors.Map(new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc));
                if (timeoutMs > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds >= timeoutMs)
                    throw new PgErrorException(SqlState.LockNotAvailable, "canceling statement due to lock timeout")
                    {
                        Context = "while waiting for the store's write lock, held by another session's transaction",
                    };
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 20);
            }
        }
        finally
        {
            raw.sqlite3_busy_timeout(handle, BusyTimeoutMs);
        }
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        InTransaction = false;
        Run("COMMIT");
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        InTransaction = false;
        Run("ROLLBACK");
        return ValueTask.CompletedTask;
    }

    public ValueTask SavepointAsync(string name, CancellationToken cancellationToken)
    {
        Run("SAVEPOINT " + SqliteTranslator.Quote(name));
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken)
    {
        Run("RELEASE SAVEPOINT " + SqliteTranslator.Quote(name));
        return ValueTask.CompletedTask;
    }

    public ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken)
    {
        Run("ROLLBACK TO SAVEPOINT " + SqliteTranslator.Quote(name));
        return ValueTask.CompletedTask;
    }

    public ValueTask<StatementDescription> DescribeAsync(string sql, IReadOnlyList<PgTypeOrUnknown> parameterTypes,
        CancellationToken cancellationToken)
    {
        var translation = Guard(() => SqliteTranslator.Translate(sql, _connection));
        var count = Math.Max(parameterTypes.Count, translation.ParameterCount);
        var types = new PgType[count];
        for (var i = 0; i < count; i++)
        {
            types[i] = i < parameterTypes.Count && parameterTypes[i].Type is { } given
                ? given
                : translation.ParameterTypes.TryGetValue(i + 1, out var inferred) ? inferred.Type : PgTypeCatalog.Text;
        }
        IReadOnlyList<ResultColumn>? columns = null;
        if (translation.ReturnsRows)
        {
            // Run it with NULL parameters inside a savepoint that is rolled back: the columns are then known
            // and nothing the statement did remains.
            Run("SAVEPOINT pgwire_describe");
            try
            {
                using var command = Command(translation, Enumerable.Repeat(new QueryParameter(PgTypeCatalog.Unknown, null), count).ToList());
                var result = Guard(() => SqliteQueryResult.Open(command, translation, this));
                columns = result.Columns;
                result.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            finally
            {
                Run("ROLLBACK TO SAVEPOINT pgwire_describe");
                Run("RELEASE SAVEPOINT pgwire_describe");
            }
        }
        return ValueTask.FromResult(new StatementDescription(types, columns));
    }

    public ValueTask<TableDefinition> GetTableAsync(string? schema, string name, CancellationToken cancellationToken)
    {
        if (schema is not null && schema != "public")
            throw new PgErrorException(SqlState.InvalidSchemaName, $"schema \"{schema}\" does not exist");
        return ValueTask.FromResult(Guard(() => SqliteSchema.Get(_connection, name)));
    }

    public IRawTableReader OpenRawReader(TableDefinition table, IReadOnlyList<ColumnDefinition> columns) =>
        new SqliteRawReader(_connection, this, table, columns);

    public ValueTask<IBulkRowWriter> OpenBulkWriterAsync(TableDefinition table, IReadOnlyList<ColumnDefinition> columns,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult<IBulkRowWriter>(new SqliteBulkWriter(_connection, this, table, columns));

    public ValueTask<IQueryResult> ExecuteAsync(string sql, IReadOnlyList<QueryParameter> parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var translation = Guard(() => SqliteTranslator.Translate(sql, _connection));
            IQueryResult result = translation.Kind switch
            {
                TranslationKind.CreateTable => CreateTable(translation),
                TranslationKind.DropTable => DropTables(translation),
                TranslationKind.Truncate => Truncate(translation),
                _ => Run(translation, parameters),
            };
            return ValueTask.FromResult(result);
        }
        catch (PgErrorException e) when (e.Position is null && e.SqlState is SqlState.UndefinedTable or SqlState.UndefinedColumn)
        {
            e.Position = Locate(sql, e.Message);
            throw;
        }
    }

    /// <summary>
    /// Where the name an error quotes first stands in the statement (1-based), as PostgreSQL points at
    /// an unknown relation or column.
    /// </summary>
    private static int? Locate(string sql, string message)
    {
        var open = message.IndexOf('"', StringComparison.Ordinal);
        var close = message.IndexOf('"', open + 1);
        if (open < 0 || close < 0)
            return null;
        var name = message[(open + 1)..close];
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
            name = name[(dot + 1)..];
        foreach (var token in Sql.PgLexer.Tokenize(sql))
        {
            if (token.IsName && token.Value == name)
                return token.Start + 1;
        }
        return null;
    }

    public ValueTask DisposeAsync()
    {
        if (InTransaction)
        {
            try
            {
                Run("ROLLBACK");
            }
            catch (PgErrorException)
            {
                // The connection is closed next; SQLite discards the open transaction with it.
            }
        }
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs SQLite work, turning its errors (and errors raised inside our functions) into PostgreSQL's.</summary>
    internal T Guard<T>(Func<T> action)
    {
        _functions.PendingError = null;
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw MapError(e);
        }
    }

    /// <summary>The PostgreSQL error for a SQLite failure: one raised inside our functions as it was, else mapped.</summary>
    internal PgErrorException MapError(SqliteException e)
    {
        if (_functions.PendingError is { } pending)
        {
            _functions.PendingError = null;
            return pending;
        }
        return SqliteErrors.Map(e, UniqueConstraintName);
    }

    private IQueryResult Run(Translation translation, IReadOnlyList<QueryParameter> parameters)
    {
        if (translation.ParameterCount > parameters.Count)
            throw new PgErrorException(SqlState.UndefinedParameter, $"there is no parameter ${parameters.Count + 1}");
        var command = Command(translation, parameters);
        try
        {
            if (translation.ReturnsRows)
                return Guard(() => SqliteQueryResult.Open(command, translation, this));
            var count = Guard(command.ExecuteNonQuery);
            command.Dispose();
            return new CommandResult(translation.TagVerb switch
            {
                "INSERT" => $"INSERT 0 {count}",
                "UPDATE" or "DELETE" => $"{translation.TagVerb} {count}",
                _ => translation.TagVerb,
            });
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    private SqliteCommand Command(Translation translation, IReadOnlyList<QueryParameter> parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = translation.Sql;
        for (var i = 0; i < translation.ParameterCount; i++)
            command.Parameters.AddWithValue("$p" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                StorageValues.ToStorage(parameters[i].Value) ?? DBNull.Value);
        return command;
    }

    private CommandResult CreateTable(Translation translation)
    {
        var name = translation.Tables[0];
        if (Guard(() => SqliteSchema.Find(_connection, name)) is not null)
        {
            if (translation.IfExists)
                return new CommandResult("CREATE TABLE");
            throw new PgErrorException(SqlState.DuplicateTable, $"relation \"{name}\" already exists");
        }
        InSavepoint(() =>
        {
            Run(translation.Sql);
            SqliteSchema.Add(_connection, name, translation.CreatedColumns!);
        });
        return new CommandResult("CREATE TABLE");
    }

    private CommandResult DropTables(Translation translation)
    {
        var tables = new List<TableDefinition>();
        foreach (var name in translation.Tables)
        {
            var table = Guard(() => SqliteSchema.Find(_connection, name));
            if (table is not null)
                tables.Add(table);
            else if (!translation.IfExists)
                throw new PgErrorException(SqlState.UndefinedTable, $"table \"{name}\" does not exist");
        }
        InSavepoint(() =>
        {
            foreach (var table in tables)
            {
                Run("DROP TABLE " + SqliteTranslator.Quote(table.Name));
                SqliteSchema.Remove(_connection, table.Oid);
            }
        });
        return new CommandResult("DROP TABLE");
    }

    private CommandResult Truncate(Translation translation)
    {
        var tables = translation.Tables.Select(name => Guard(() => SqliteSchema.Find(_connection, name))
            ?? throw new PgErrorException(SqlState.UndefinedTable, $"relation \"{name}\" does not exist")).ToList();
        InSavepoint(() =>
        {
            foreach (var table in tables)
                Run("DELETE FROM " + SqliteTranslator.Quote(table.Name));
        });
        return new CommandResult("TRUNCATE TABLE");
    }

    private void InSavepoint(Action action)
    {
        Run("SAVEPOINT pgwire_ddl");
        try
        {
            Guard(() =>
            {
                action();
                return 0;
            });
            Run("RELEASE SAVEPOINT pgwire_ddl");
        }
        catch
        {
            Run("ROLLBACK TO SAVEPOINT pgwire_ddl");
            Run("RELEASE SAVEPOINT pgwire_ddl");
            throw;
        }
    }

    private void Run(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        Guard(command.ExecuteNonQuery);
    }

    /// <summary>PostgreSQL's default name of the constraint behind "UNIQUE constraint failed: t.a, t.b".</summary>
    private string UniqueConstraintName(string message)
    {
        var list = message[(message.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.TrimEntries);
        var table = list[0].Split('.')[0];
        var columns = list.Select(c => c.Split('.')[^1]).ToList();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($t) WHERE pk > 0";
        command.Parameters.AddWithValue("$t", table);
        var keys = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                keys.Add(reader.GetString(0));
        }
        return keys.Count == columns.Count && keys.All(columns.Contains) ? $"{table}_pkey" : $"{table}_{string.Join('_', columns)}_key";
    }
}

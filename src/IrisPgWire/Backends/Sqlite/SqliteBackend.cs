using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>The embedded default store: one SQLite database file in the data directory.</summary>
public sealed class SqliteBackend : IBackend
{
    private readonly string _connectionString;

    /// <summary>
    /// Before SQLite starts (sqlite.org/c3ref/c_config_covering_index_scan.html): multi-thread mode, in
    /// which SQLite does not lock a connection on every call, since a connection here is only ever used by
    /// one thread at a time (its session's, or the COPY store thread while the session waits for it); and
    /// no memory-use statistics, which take a global mutex on every allocation. On a bulk load those
    /// mutexes cost more than a tenth of the time.
    /// </summary>
    static SqliteBackend()
    {
        SQLitePCL.Batteries_V2.Init();
        const int configMultiThread = 2, configMemStatus = 9;
        _ = SQLitePCL.raw.sqlite3_config(configMultiThread);
        _ = SQLitePCL.raw.sqlite3_config(configMemStatus, 0);
    }

    /// <summary>Opens (creating when missing) the store in <paramref name="dataDirectory"/>. Throws when the directory is unusable.</summary>
    public SqliteBackend(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "irispgwire.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL lets readers run beside the one writer; FULL makes each commit durable (DESIGN.md, Backends).
        command.CommandText = "PRAGMA journal_mode = WAL; " + SqliteSchema.CreateMetadata;
        command.ExecuteNonQuery();
    }

    public string Name => "sqlite";

    public ValueTask<IBackendSession> OpenSessionAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        var connection = Open();
        return ValueTask.FromResult<IBackendSession>(new SqliteSession(connection, context));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON; PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
        return connection;
    }
}

using IrisPgWire.Errors;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>The embedded default store: one SQLite database file in the data directory.</summary>
public sealed class SqliteBackend : IBackend
{
    public const string DatabaseFileName = "irispgwire.db";

    /// <summary>How long a session waits for another session's write lock before failing.</summary>
    private const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString;

    /// <summary>Opens (creating when missing) the store in <paramref name="dataDirectory"/>. Throws when the directory is unusable.</summary>
    public SqliteBackend(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        string path;
        try
        {
            Directory.CreateDirectory(dataDirectory);
            path = Path.Combine(Path.GetFullPath(dataDirectory), DatabaseFileName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InvalidOperationException($"cannot create data directory \"{dataDirectory}\": {ex.Message}", ex);
        }
        DatabasePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
        try
        {
            using var connection = Open();
            SqliteCatalog.EnsureCreated(connection);
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"cannot open database \"{path}\": {ex.Message}", ex);
        }
    }

    public string Name => "sqlite";

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    internal SqliteSequences Sequences { get; } = new();

    /// <summary>What version() reports.</summary>
    internal static string VersionString { get; } =
        "PostgreSQL 15.0 (IrisPgWire, SQLite " + SQLitePCL.raw.sqlite3_libversion().utf8_to_string() + ") on x86_64-pc-linux-gnu, 64-bit";

    public ValueTask<IBackendSession> OpenSessionAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = Open();
        try
        {
            return ValueTask.FromResult<IBackendSession>(new SqliteBackendSession(this, connection, context));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a session directly, typed, for callers in this assembly (COPY needs <see cref="SqliteBackendSession.FindTable"/>).</summary>
    internal SqliteBackendSession OpenSqliteSession(ISessionContext context) =>
        new(this, Open(), context);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            // WAL with synchronous=FULL: a COMMIT is on disk when it returns (https://sqlite.org/pragma.html#pragma_synchronous).
            cmd.CommandText = $"""
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};
                PRAGMA foreign_keys = ON;
                """;
            cmd.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new PgErrorException(SqlState.IoError, $"cannot open database \"{DatabasePath}\": {ex.Message}");
        }
    }
}

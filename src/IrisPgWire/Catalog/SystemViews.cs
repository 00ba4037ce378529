using System.Globalization;
using System.Text;
using IrisPgWire.Backends;
using IrisPgWire.Backends.Sqlite;
using IrisPgWire.Copy;
using IrisPgWire.Protocol.Session;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Catalog;

/// <summary>
/// pg_stat_activity and pg_stat_progress_copy, for every backend: a statement that reads them runs on a
/// private in-memory SQLite database holding a snapshot of the live sessions, through the same
/// translator as the embedded store, so any WHERE, ORDER BY, join or cast a monitoring query uses works.
/// </summary>
/// <remarks>
/// Columns and their order follow PostgreSQL 17's views (manual, "Viewing Statistics" and "COPY Progress
/// Reporting"). Counters are read as the running sessions update them: a COPY counts every row it reads.
/// </remarks>
internal static class SystemViews
{
    private const string ActivityTable = "pg_stat_activity";
    private const string ProgressTable = "pg_stat_progress_copy";

    /// <summary>The OID pg_database gives the one database every session is connected to.</summary>
    private const uint DatabaseOid = 5;

    /// <summary>The bootstrap superuser's OID, which every session runs as.</summary>
    private const uint UserOid = 10;

    private const string ActivityColumns = """
        datid oid, datname name, pid integer, leader_pid integer, usesysid oid, usename name, application_name text,
        client_addr inet, client_hostname text, client_port integer, backend_start timestamptz, xact_start timestamptz,
        query_start timestamptz, state_change timestamptz, wait_event_type text, wait_event text, state text,
        backend_xid text, backend_xmin text, query_id bigint, query text, backend_type text
        """;

    private const string ProgressColumns = """
        pid integer, datid oid, datname name, relid oid, command text, type text, bytes_processed bigint,
        bytes_total bigint, tuples_processed bigint, tuples_excluded bigint, tuples_skipped bigint
        """;

    /// <summary>True when the statement reads one of the views (a cheap test before parsing anything).</summary>
    public static bool Mentions(string sql) =>
        sql.Contains(ActivityTable, StringComparison.OrdinalIgnoreCase) || sql.Contains(ProgressTable, StringComparison.OrdinalIgnoreCase);

    public static async ValueTask<IQueryResult> ExecuteAsync(string sql, IReadOnlyList<QueryParameter> parameters,
        IReadOnlyList<SessionActivity> sessions, ISessionContext context, CancellationToken cancellationToken)
    {
        var snapshot = await OpenAsync(sessions, context, cancellationToken).ConfigureAwait(false);
        IQueryResult? result = null;
        try
        {
            result = await snapshot.Session.ExecuteAsync(Unqualify(sql), parameters, cancellationToken).ConfigureAwait(false);
            if (result.Columns is null)
                return new RowListResult([], [], result.CommandTag);
            // The snapshot's database goes away with this call, so the (few) rows are copied out.
            var rows = new List<object?[]>();
            while (await result.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[result.Columns.Count];
                for (var i = 0; i < row.Length; i++)
                    row[i] = result.GetValue(i);
                rows.Add(row);
            }
            return new RowListResult(result.Columns, rows, result.CommandTag);
        }
        finally
        {
            if (result is not null)
                await result.DisposeAsync().ConfigureAwait(false);
            await snapshot.DisposeAsync().ConfigureAwait(false);
        }
    }

    public static async ValueTask<StatementDescription> DescribeAsync(string sql, IReadOnlyList<PgTypeOrUnknown> parameterTypes,
        ISessionContext context, CancellationToken cancellationToken)
    {
        var snapshot = await OpenAsync([], context, cancellationToken).ConfigureAwait(false);
        try
        {
            return await snapshot.Session.DescribeAsync(Unqualify(sql), parameterTypes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await snapshot.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The views live in pg_catalog, which the snapshot database does not have as a schema.</summary>
    private static string Unqualify(string sql) =>
        sql.Replace("pg_catalog." + ActivityTable, ActivityTable, StringComparison.OrdinalIgnoreCase)
            .Replace("pg_catalog." + ProgressTable, ProgressTable, StringComparison.OrdinalIgnoreCase);

    private static async ValueTask<Snapshot> OpenAsync(IReadOnlyList<SessionActivity> sessions, ISessionContext context,
        CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = SqliteSchema.CreateMetadata;
            command.ExecuteNonQuery();
        }
        var session = new SqliteSession(connection, context);
        var snapshot = new Snapshot(connection, session);
        try
        {
            await RunAsync(session, $"CREATE TABLE {ActivityTable} ({ActivityColumns})", [], cancellationToken).ConfigureAwait(false);
            await RunAsync(session, $"CREATE TABLE {ProgressTable} ({ProgressColumns})", [], cancellationToken).ConfigureAwait(false);
            foreach (var activity in sessions)
            {
                await RunAsync(session, $"INSERT INTO {ActivityTable} VALUES ({Placeholders(22)})", ActivityRow(activity), cancellationToken)
                    .ConfigureAwait(false);
                if (activity.Copy is { } copy)
                {
                    await RunAsync(session, $"INSERT INTO {ProgressTable} VALUES ({Placeholders(11)})", ProgressRow(activity, copy),
                        cancellationToken).ConfigureAwait(false);
                }
            }
            return snapshot;
        }
        catch
        {
            await snapshot.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask RunAsync(IBackendSession session, string sql, IReadOnlyList<QueryParameter> parameters,
        CancellationToken cancellationToken)
    {
        var result = await session.ExecuteAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        await result.DisposeAsync().ConfigureAwait(false);
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => "$" + i));

    private static List<QueryParameter> ActivityRow(SessionActivity activity)
    {
        var state = activity.State;
        return
        [
            Value(PgTypeCatalog.Oid, DatabaseOid),
            Value(PgTypeCatalog.Name, activity.DatabaseName),
            Value(PgTypeCatalog.Int4, activity.ProcessId),
            Value(PgTypeCatalog.Int4, null),
            Value(PgTypeCatalog.Oid, UserOid),
            Value(PgTypeCatalog.Name, activity.UserName),
            Value(PgTypeCatalog.Text, state.ApplicationName),
            Value(PgTypeCatalog.Inet, activity.ClientAddress),
            Value(PgTypeCatalog.Text, null),
            Value(PgTypeCatalog.Int4, activity.ClientPort ?? -1),
            Timestamp(activity.BackendStart),
            Timestamp(state.TransactionStart),
            Timestamp(state.QueryStart),
            Timestamp(state.StateChange),
            // A session waiting for the client is "Client / ClientRead", as PostgreSQL reports an idle one.
            Value(PgTypeCatalog.Text, state.State == "active" ? null : "Client"),
            Value(PgTypeCatalog.Text, state.State == "active" ? null : "ClientRead"),
            Value(PgTypeCatalog.Text, state.State),
            Value(PgTypeCatalog.Text, null),
            Value(PgTypeCatalog.Text, null),
            Value(PgTypeCatalog.Int8, null),
            Value(PgTypeCatalog.Text, state.Query),
            Value(PgTypeCatalog.Text, "client backend"),
        ];
    }

    private static List<QueryParameter> ProgressRow(SessionActivity activity, CopyProgress copy) =>
    [
        Value(PgTypeCatalog.Int4, activity.ProcessId),
        Value(PgTypeCatalog.Oid, DatabaseOid),
        Value(PgTypeCatalog.Name, activity.DatabaseName),
        Value(PgTypeCatalog.Oid, copy.RelationId),
        Value(PgTypeCatalog.Text, copy.Command),
        Value(PgTypeCatalog.Text, CopyProgress.Type),
        Value(PgTypeCatalog.Int8, copy.BytesProcessed),
        // Data from STDIN has no known size: PostgreSQL reports 0.
        Value(PgTypeCatalog.Int8, 0L),
        Value(PgTypeCatalog.Int8, copy.TuplesProcessed),
        Value(PgTypeCatalog.Int8, 0L),
        Value(PgTypeCatalog.Int8, copy.TuplesSkipped),
    ];

    private static QueryParameter Value(PgType type, object? value) => new(type, value);

    /// <summary>A timestamptz in its canonical form, made by the type's own input function.</summary>
    private static QueryParameter Timestamp(DateTimeOffset? value)
    {
        if (value is not { } time)
            return Value(PgTypeCatalog.TimestampTz, null);
        var text = time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";
        var parsed = PgCodecs.For(PgTypeCatalog.TimestampTz).ParseText(Encoding.UTF8.GetBytes(text), -1, PgFormatSettings.Default);
        return Value(PgTypeCatalog.TimestampTz, parsed);
    }

    private sealed class Snapshot(SqliteConnection connection, SqliteSession session) : IAsyncDisposable
    {
        public SqliteSession Session { get; } = session;

        public async ValueTask DisposeAsync()
        {
            await Session.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// Checks one IRIS instance for what the IRIS backend needs, for a user to run once (<c>irispgwire iris-probe</c>):
/// the server version, which of the dialect's statements the instance accepts, a timed load of a generated table
/// with each accepted strategy, and the strategy to use. Whatever it creates it drops again, also on failure.
/// </summary>
/// <remarks>
/// These are exactly the facts this project could not check, having no IRIS: the statements are the dialect's own
/// (<see cref="IrisDdlWriter"/>, <see cref="IrisInsertWriter"/>), sent through <see cref="IrisBatchInserter"/> as the
/// server sends them. The version is <c>SELECT $ZVERSION</c>: "$ZVERSION is available within SQL queries"
/// ("Version (Tools/APIs)", ITECHREF_version).
/// </remarks>
public sealed class IrisProbe(DbProviderFactory factory, string connectionString)
{
    public const string CreateTableCheck = "CREATE TABLE (the dialect's DDL, with a LONGVARCHAR stream column)";
    public const string SingleRowCheck = "single-row INSERT ... VALUES (?, ...)";
    public const string UnionAllCheck = "INSERT ... SELECT ?, ... UNION ALL SELECT ?, ...";
    public const string JsonTableCheck = "INSERT ... SELECT ... FROM JSON_TABLE(?, '$' COLUMNS (...)) (IRIS 2024.1+)";
    public const string AtomicCheck = "a failed multi-row INSERT keeps none of its rows";
    public const string EmptyStringCheck = "'' and NULL read back apart";
    public const string VectorCheck = "VECTOR(DOUBLE, 3) column filled through TO_VECTOR(?, DOUBLE)";

    /// <summary>Rows in each timed load.</summary>
    public int Rows { get; init; } = 20_000;

    /// <summary>Rows handed to the inserter at a time, as the server's COPY batches are.</summary>
    public int BatchRows { get; init; } = 10_000;

    public async Task<IrisProbeReport> RunAsync(string providerDescription, CancellationToken cancellationToken)
    {
        var report = new IrisProbeReport { Provider = providerDescription };
        var cleanup = new IrisProbeCleanup();
        DbConnection? connection = null;
        try
        {
            connection = factory.CreateConnection() ?? throw new InvalidOperationException("the provider made no connection");
            try
            {
                connection.ConnectionString = connectionString;
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException)
            {
                // ArgumentException: a key the provider does not know; the message names the key, not its value.
                report.Failure = "could not connect: " + IrisErrorMapper.Sanitize(e.Message);
                return report;
            }
            report.ServerVersion = await ScalarAsync(connection, "SELECT $ZVERSION", cancellationToken).ConfigureAwait(false);
            await CheckAndLoadAsync(connection, cleanup, report, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (connection is not null)
            {
                if (connection.State == ConnectionState.Open)
                    await cleanup.RunAsync(sql => ExecuteAsync(connection, null, sql, CancellationToken.None), report).ConfigureAwait(false);
                else if (cleanup.Count > 0)
                    await cleanup.RunAsync(_ => throw new InvalidOperationException("the connection was lost"), report).ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        report.Recommendation = IrisProbeAdvisor.Recommend(report.Loads);
        return report;
    }

    private async Task CheckAndLoadAsync(DbConnection connection, IrisProbeCleanup cleanup, IrisProbeReport report, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var table = new IrisProbeTable("irispgwire_probe_" + suffix);
        var t = table.Definition;
        if (!await CheckAsync(report, CreateTableCheck, () => ExecuteAsync(connection, null, IrisDdlWriter.CreateTable(t), cancellationToken)).ConfigureAwait(false))
            return;
        cleanup.Created(QualifiedText(t), IrisDdlWriter.DropTable(t.Schema, t.Name));
        var writer = new IrisInsertWriter(t);
        var accepted = new List<IrisInsertStrategy>();
        var id = 0;
        foreach (var (strategy, name) in (IEnumerable<(IrisInsertStrategy, string)>)
                 [(IrisInsertStrategy.SingleRow, SingleRowCheck), (IrisInsertStrategy.UnionAll, UnionAllCheck), (IrisInsertStrategy.JsonTable, JsonTableCheck)])
        {
            var rows = new[] { IrisProbeTable.Row(++id), IrisProbeTable.Row(++id) };
            if (await CheckAsync(report, name, () => InsertAsync(connection, writer, strategy, rows, cancellationToken)).ConfigureAwait(false))
                accepted.Add(strategy);
        }
        if (accepted.Contains(IrisInsertStrategy.UnionAll))
            await CheckAsync(report, AtomicCheck, () => FailedStatementKeepsNothingAsync(connection, writer, t, cancellationToken)).ConfigureAwait(false);
        if (accepted.Contains(IrisInsertStrategy.SingleRow))
        {
            await CheckAsync(report, EmptyStringCheck, () => EmptyStringAndNullAsync(connection, writer, t, cancellationToken)).ConfigureAwait(false);
            foreach (var hint in Enum.GetValues<IrisInsertHints>().Where(h => h != IrisInsertHints.None))
            {
                var hinted = new IrisInsertWriter(t, hints: hint);
                await CheckAsync(report, "INSERT hint " + IrisHintText.Keyword(hint),
                    () => InsertAsync(connection, hinted, IrisInsertStrategy.SingleRow, [IrisProbeTable.Row(++id)], cancellationToken)).ConfigureAwait(false);
            }
        }
        await CheckVectorAsync(connection, cleanup, report, suffix, cancellationToken).ConfigureAwait(false);
        foreach (var strategy in accepted)
            report.Loads.Add(await TimedLoadAsync(connection, writer, strategy, cancellationToken).ConfigureAwait(false));
    }

    private async Task CheckVectorAsync(DbConnection connection, IrisProbeCleanup cleanup, IrisProbeReport report, string suffix, CancellationToken cancellationToken)
    {
        var vectors = new TableDefinition(IrisIdentifiers.PostgresDefaultSchema, "irispgwire_probe_vec_" + suffix, 0,
        [
            new ColumnDefinition("id", Types.PgTypeNames.Parse("integer"), 1, true, false),
            new ColumnDefinition("v", Types.PgTypeNames.Parse("text"), 2, false, false),
        ]);
        var dims = new Dictionary<string, int> { ["v"] = 3 };
        await CheckAsync(report, VectorCheck, async () =>
        {
            await ExecuteAsync(connection, null, IrisDdlWriter.CreateTable(vectors, dims), cancellationToken).ConfigureAwait(false);
            cleanup.Created(QualifiedText(vectors), IrisDdlWriter.DropTable(vectors.Schema, vectors.Name));
            await InsertAsync(connection, new IrisInsertWriter(vectors, vectorColumns: dims), IrisInsertStrategy.SingleRow,
                [[1, "[1,2.5,-3]"]], cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<IrisProbeLoad> TimedLoadAsync(DbConnection connection, IrisInsertWriter writer, IrisInsertStrategy strategy, CancellationToken cancellationToken)
    {
        var t = writer.Table;
        DbTransaction? transaction = null;
        try
        {
            await ExecuteAsync(connection, null, "DELETE FROM " + IrisIdentifiers.QualifiedName(t.Schema, t.Name), cancellationToken).ConfigureAwait(false);
            var batch = new object?[Math.Min(BatchRows, Rows)][];
            var clock = Stopwatch.StartNew();
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var inserter = new IrisBatchInserter(connection, writer, strategy,
                IrisBatchInserter.DefaultRowsPerStatement(strategy, writer.Columns.Count))
            { Transaction = transaction };
            await using (inserter.ConfigureAwait(false))
            {
                for (var done = 0; done < Rows;)
                {
                    var n = Math.Min(batch.Length, Rows - done);
                    for (var i = 0; i < n; i++)
                        batch[i] = IrisProbeTable.Row(done + i + 1);
                    await inserter.InsertAsync(batch, n, cancellationToken).ConfigureAwait(false);
                    done += n;
                }
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            clock.Stop();
            var count = Convert.ToInt64(await ScalarObjectAsync(connection,
                "SELECT COUNT(*) FROM " + IrisIdentifiers.QualifiedName(t.Schema, t.Name), cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return count == Rows
                ? new IrisProbeLoad(strategy, Rows, clock.Elapsed.TotalSeconds)
                : new IrisProbeLoad(strategy, Rows, clock.Elapsed.TotalSeconds,
                    string.Create(CultureInfo.InvariantCulture, $"{count} rows in the table after loading {Rows}"));
        }
        catch (Exception e) when (e is DbException or PgErrorException)
        {
            if (transaction is not null)
                await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
            return new IrisProbeLoad(strategy, 0, 0, Describe(e));
        }
        finally
        {
            if (transaction is not null)
                await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task FailedStatementKeepsNothingAsync(DbConnection connection, IrisInsertWriter writer, TableDefinition t, CancellationToken cancellationToken)
    {
        var good = IrisProbeTable.Row(900_001);
        var bad = IrisProbeTable.Row(900_002);
        bad[0] = null;
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = writer.UnionAll(2);
            foreach (var value in writer.Parameters([good, bad]))
            {
                var p = command.CreateParameter();
                p.Value = value;
                command.Parameters.Add(p);
            }
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                throw new ProbeFinding("IRIS accepted a NULL in a NOT NULL column");
            }
            catch (DbException)
            {
                // Expected: the NULL id is refused. What matters is whether the good row stayed.
            }
        }
        var kept = await ScalarObjectAsync(connection, "SELECT COUNT(*) FROM " + IrisIdentifiers.QualifiedName(t.Schema, t.Name) + " WHERE \"id\" = 900001", cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt64(kept, CultureInfo.InvariantCulture) != 0)
            throw new ProbeFinding("the first row of the failed statement was stored; errors in a batch may then name the wrong row");
    }

    private static async Task EmptyStringAndNullAsync(DbConnection connection, IrisInsertWriter writer, TableDefinition t, CancellationToken cancellationToken)
    {
        var row = IrisProbeTable.Row(900_101);
        row[1] = "";
        row[6] = null;
        await InsertAsync(connection, writer, IrisInsertStrategy.SingleRow, [row], cancellationToken).ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "SELECT \"name\", \"note\" FROM " + IrisIdentifiers.QualifiedName(t.Schema, t.Name) + " WHERE \"id\" = 900101";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    throw new ProbeFinding("the row was not read back");
                var name = IrisValueConverter.FromReader(reader.GetValue(0), t.Columns[1].Type);
                if (name is not "")
                    throw new ProbeFinding(name is null ? "'' was read back as NULL" : "'' was read back as \"" + name + "\"");
                if (!reader.IsDBNull(1))
                    throw new ProbeFinding("NULL in a LONGVARCHAR column was read back as a value");
            }
        }
    }

    private static async Task InsertAsync(DbConnection connection, IrisInsertWriter writer, IrisInsertStrategy strategy, object?[][] rows, CancellationToken cancellationToken)
    {
        var inserter = new IrisBatchInserter(connection, writer, strategy, rows.Length);
        await using (inserter.ConfigureAwait(false))
            await inserter.InsertAsync(rows, rows.Length, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> CheckAsync(IrisProbeReport report, string name, Func<Task> check)
    {
        try
        {
            await check().ConfigureAwait(false);
            report.Checks.Add(new IrisProbeCheck(name, true));
            return true;
        }
        catch (Exception e) when (e is DbException or PgErrorException or ProbeFinding)
        {
            report.Checks.Add(new IrisProbeCheck(name, false, Describe(e)));
            return false;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        PgErrorException pg => pg.Detail is null ? pg.Message : pg.Message + " (" + pg.Detail + ")",
        _ => IrisErrorMapper.Sanitize(e.Message),
    };

    private static async Task RollbackQuietlyAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The connection may be gone with the transaction; the load's own error is what gets reported.
        }
        catch (InvalidOperationException)
        {
            // Already completed by the provider after the failure.
        }
    }

    private static string QualifiedText(TableDefinition t) => IrisIdentifiers.ToIrisSchema(t.Schema) + "." + t.Name;

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarObjectAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        try
        {
            return Convert.ToString(await ScalarObjectAsync(connection, sql, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (DbException e)
        {
            return "unknown (" + IrisErrorMapper.Sanitize(e.Message) + ")";
        }
    }

    /// <summary>A check that ran but found the instance behaving otherwise than the dialect expects.</summary>
    private sealed class ProbeFinding(string message) : Exception(message);
}

using IrisPgWire.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace IrisPgWire.Tests.Integration;

/// <summary>Npgsql 10, with a plain connection string, against the server on the embedded store.</summary>
public abstract class NpgsqlSessionTests(ITestServer server, ReferencePostgres reference)
{
    [Collection(InProcessServerCollection.Name)]
    public sealed class OnSqlite(InProcessServer server, ReferencePostgres reference) : NpgsqlSessionTests(server, reference);

    /// <summary>On <c>--backend postgres</c>; the upstream cluster is the reference.</summary>
    [Collection(UpstreamServerCollection.Name)]
    public sealed class OnPostgres(UpstreamServer server) : NpgsqlSessionTests(server, server.Cluster)
    {
        /// <summary>
        /// The server keeps a session's settings itself and pins the upstream connection's output settings
        /// (TimeZone UTC and so on) so it can read values; a function evaluated upstream sees those.
        /// </summary>
        protected override string? StoreTimeZone => "UTC";
    }

    /// <summary>What current_setting('timezone') says after SET TIME ZONE 'Europe/Paris': null when the store sees the session's setting.</summary>
    protected virtual string? StoreTimeZone => null;

    private static string Table(string stem) => $"{stem}_{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task Npgsql_connects_and_sees_the_server_version_it_asked_for()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(15, connection.PostgreSqlVersion.Major);
        await using var command = new NpgsqlCommand("SELECT version()", connection);
        Assert.StartsWith("PostgreSQL 15", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Created_table_round_trips_values_with_their_types()
    {
        var (names, values) = await RoundTripAsync(server.ConnectionString);
        var (referenceNames, referenceValues) = await RoundTripAsync(reference.ConnectionString);
        Assert.Equal(referenceNames, names);
        Assert.Equal(referenceValues, values);
        Assert.Equal(1, values[0]);
        Assert.Equal(9_000_000_000L, values[1]);
        Assert.Equal("Zoë, \"quoted\"", values[2]);
        Assert.Equal(12.50m, values[3]);
        Assert.Equal(true, values[4]);
        Assert.Equal(new DateOnly(1990, 2, 28), values[5]);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, 123), values[6]);
        Assert.Equal(0.1, values[7]);
    }

    /// <summary>Creates a typed table, inserts one row with parameters, reads it back: type names and values.</summary>
    private static async Task<(List<string> Names, List<object> Values)> RoundTripAsync(string connectionString)
    {
        var t = Table("typed");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Exec(connection, $"CREATE TABLE {t} (id integer PRIMARY KEY, big bigint, name text, price numeric(10,2), ok boolean, born date, seen timestamp, ratio double precision)");
        await using (var insert = new NpgsqlCommand($"INSERT INTO {t} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = 1 });
            insert.Parameters.Add(new NpgsqlParameter { Value = 9_000_000_000L });
            insert.Parameters.Add(new NpgsqlParameter { Value = "Zoë, \"quoted\"" });
            insert.Parameters.Add(new NpgsqlParameter { Value = 12.5m });
            insert.Parameters.Add(new NpgsqlParameter { Value = true });
            insert.Parameters.Add(new NpgsqlParameter { Value = new DateOnly(1990, 2, 28) });
            insert.Parameters.Add(new NpgsqlParameter { Value = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Unspecified) });
            insert.Parameters.Add(new NpgsqlParameter { Value = 0.1 });
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }
        await using var select = new NpgsqlCommand($"SELECT id, big, name, price, ok, born, seen, ratio FROM {t}", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var names = Enumerable.Range(0, 8).Select(reader.GetDataTypeName).ToList();
        List<object> values =
        [
            reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetDecimal(3), reader.GetBoolean(4),
            reader.GetFieldValue<DateOnly>(5), reader.GetDateTime(6), reader.GetDouble(7),
        ];
        Assert.False(await reader.ReadAsync());
        return (names, values);
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_nothing()
    {
        var t = Table("rollback");
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await Exec(connection, $"CREATE TABLE {t} (a int)");
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Exec(connection, $"INSERT INTO {t} VALUES (1), (2)");
            await tx.RollbackAsync();
        }
        Assert.Equal(0L, await Scalar(connection, $"SELECT count(*) FROM {t}"));
    }

    [Fact]
    public async Task A_committed_transaction_is_seen_by_another_connection()
    {
        var t = Table("commit");
        await using var writer = new NpgsqlConnection(server.ConnectionString);
        await writer.OpenAsync();
        await Exec(writer, $"CREATE TABLE {t} (a int)");
        await using (var tx = await writer.BeginTransactionAsync())
        {
            await Exec(writer, $"INSERT INTO {t} VALUES (1), (2), (3)");
            await tx.CommitAsync();
        }
        await using var reader = new NpgsqlConnection(server.ConnectionString);
        await reader.OpenAsync();
        Assert.Equal(3L, await Scalar(reader, $"SELECT count(*) FROM {t}"));
    }

    [Fact]
    public async Task Savepoints_roll_back_part_of_a_transaction()
    {
        var t = Table("savepoint");
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await Exec(connection, $"CREATE TABLE {t} (a int)");
        await using var tx = await connection.BeginTransactionAsync();
        await Exec(connection, $"INSERT INTO {t} VALUES (1)");
        await tx.SaveAsync("before_two");
        await Exec(connection, $"INSERT INTO {t} VALUES (2)");
        await tx.RollbackAsync("before_two");
        await Exec(connection, $"INSERT INTO {t} VALUES (3)");
        await tx.CommitAsync();
        Assert.Equal(4L, await Scalar(connection, $"SELECT sum(a) FROM {t}"));
    }

    [Fact]
    public async Task An_error_in_a_block_fails_it_until_rollback_with_25P02()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var first = await Assert.ThrowsAsync<PostgresException>(() => Exec(connection, "SELECT * FROM no_such_table_here"));
        Assert.Equal("42P01", first.SqlState);
        Assert.Equal("relation \"no_such_table_here\" does not exist", first.MessageText);
        var second = await Assert.ThrowsAsync<PostgresException>(() => Exec(connection, "SELECT 1"));
        Assert.Equal("25P02", second.SqlState);
        Assert.Equal("current transaction is aborted, commands ignored until end of transaction block", second.MessageText);
        await tx.RollbackAsync();
        Assert.Equal(1, await Scalar(connection, "SELECT 1"));
    }

    [Fact]
    public async Task Several_statements_in_one_query_each_have_their_result()
    {
        var t = Table("multi");
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new($"CREATE TABLE {t} (a int)"),
                new($"INSERT INTO {t} VALUES (1), (2)"),
                new($"SELECT a FROM {t} ORDER BY a"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        var values = new List<int>();
        while (await reader.ReadAsync())
            values.Add(reader.GetInt32(0));
        Assert.Equal([1, 2], values);
        Assert.Equal(2, batch.BatchCommands[1].RecordsAffected);
    }

    [Fact]
    public async Task Set_and_show_change_session_settings_and_report_them()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await Exec(connection, "SET TIME ZONE 'Europe/Paris'");
        Assert.Equal("Europe/Paris", connection.Timezone);
        Assert.Equal("Europe/Paris", await Scalar(connection, "SHOW TimeZone"));
        Assert.Equal(StoreTimeZone ?? "Europe/Paris", await Scalar(connection, "SELECT current_setting('timezone')"));
        var e = await Assert.ThrowsAsync<PostgresException>(() => Exec(connection, "SET no_such_setting = 1"));
        Assert.Equal("42704", e.SqlState);
        Assert.Equal("unrecognized configuration parameter \"no_such_setting\"", e.MessageText);
    }

    [Fact]
    public async Task Null_parameters_and_results_round_trip()
    {
        var t = Table("nulls");
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await Exec(connection, $"CREATE TABLE {t} (a int, b text)");
        await using (var insert = new NpgsqlCommand($"INSERT INTO {t} VALUES ($1, $2)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DBNull.Value });
            await insert.ExecuteNonQueryAsync();
        }
        await using var select = new NpgsqlCommand($"SELECT a, b FROM {t}", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(0));
        Assert.True(reader.IsDBNull(1));
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

using IrisPgWire.Tests.Infrastructure;
using Npgsql;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// ON_ERROR, REJECT_LIMIT and LOG_VERBOSITY. The reference server is PostgreSQL 15, which has none of them,
/// so the expected NOTICE and error texts are PostgreSQL 17/18's, from src/backend/commands/copyfrom.c
/// (CopyFrom), copyfromparse.c (NextCopyFrom) and copy.c (ProcessCopyOptions); the rows that load are
/// compared with PostgreSQL 15 loading the same input without its bad lines.
/// </summary>
[Collection(InProcessServerCollection.Name)]
public class CopyOnErrorTests(InProcessServer server, ReferencePostgres reference)
{
    private const string Columns = "(id int, born date, name varchar(5))";

    /// <summary>Five lines; line 2 has a bad date, line 4 a bad integer and line 5 a name too long for varchar(5).</summary>
    private const string Input = "1\t2020-01-01\tana\n2\t2020-02-30\tbo\n3\t1999-12-31\tcy\nx4\t2001-01-01\tdi\n5\t2002-02-02\tevelyn\n6\t\\N\t\\N\n";

    private const string GoodLines = "1\t2020-01-01\tana\n3\t1999-12-31\tcy\n6\t\\N\t\\N\n";

    private static string NewTable() => "oe_" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Runs one COPY FROM STDIN with <paramref name="input"/>; returns the notices, the error if any, and the table's rows.</summary>
    private static async Task<(List<PostgresNotice> Notices, PostgresException? Error, ulong? Count, string Rows)> LoadAsync(
        string connectionString, string table, string options, string input)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var notices = new List<PostgresNotice>();
        connection.Notice += (_, e) => notices.Add(e.Notice);
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} {Columns}", connection))
            await create.ExecuteNonQueryAsync();
        PostgresException? error = null;
        ulong? count = null;
        try
        {
            var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN {options}");
            await writer.WriteAsync(input);
            await writer.DisposeAsync();
        }
        catch (PostgresException e)
        {
            error = e;
        }
        await using (var select = new NpgsqlCommand($"SELECT id, born::text, name FROM {table} ORDER BY id", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(string.Join("|", Enumerable.Range(0, 3).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())));
            count = (ulong)rows.Count;
            await reader.DisposeAsync();
            return (notices, error, count, string.Join("\n", rows));
        }
    }

    [Fact]
    public async Task Ignore_skips_rows_whose_values_do_not_convert_and_reports_the_count_once()
    {
        var table = NewTable();
        var ours = await LoadAsync(server.ConnectionString, table, "(ON_ERROR ignore)", Input);
        var theirs = await LoadAsync(reference.ConnectionString, table, "", GoodLines);
        Assert.Null(ours.Error);
        Assert.Equal(theirs.Rows, ours.Rows);
        var notice = Assert.Single(ours.Notices);
        Assert.Equal("NOTICE", notice.Severity);
        Assert.Equal("3 rows were skipped due to data type incompatibility", notice.MessageText);
    }

    [Fact]
    public async Task Verbose_reports_each_skipped_row_with_its_line_column_and_value()
    {
        var ours = await LoadAsync(server.ConnectionString, NewTable(), "(ON_ERROR ignore, LOG_VERBOSITY verbose)", Input);
        Assert.Null(ours.Error);
        Assert.Equal(
        [
            "skipping row due to data type incompatibility at line 2 for column \"born\": \"2020-02-30\"",
            "skipping row due to data type incompatibility at line 4 for column \"id\": \"x4\"",
            "skipping row due to data type incompatibility at line 5 for column \"name\": \"evelyn\"",
            "3 rows were skipped due to data type incompatibility",
        ], ours.Notices.Select(n => n.MessageText));
        Assert.Equal("3", ours.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Silent_skips_without_a_notice_and_one_skipped_row_is_singular_otherwise()
    {
        var silent = await LoadAsync(server.ConnectionString, NewTable(), "(ON_ERROR ignore, LOG_VERBOSITY silent)", Input);
        Assert.Null(silent.Error);
        Assert.Empty(silent.Notices);
        Assert.Equal(3UL, silent.Count);

        var one = await LoadAsync(server.ConnectionString, NewTable(), "(ON_ERROR ignore)", "1\t2020-01-01\ta\nbad\t2020-01-01\tb\n");
        Assert.Equal("1 row was skipped due to data type incompatibility", Assert.Single(one.Notices).MessageText);
    }

    [Fact]
    public async Task Passing_reject_limit_stops_the_copy_and_keeps_nothing()
    {
        var within = await LoadAsync(server.ConnectionString, NewTable(), "(ON_ERROR ignore, REJECT_LIMIT 3)", Input);
        Assert.Null(within.Error);
        Assert.Equal(3UL, within.Count);

        var over = await LoadAsync(server.ConnectionString, NewTable(), "(ON_ERROR ignore, REJECT_LIMIT 2)", Input);
        Assert.NotNull(over.Error);
        Assert.Equal("22P02", over.Error.SqlState);
        Assert.Equal("skipped more than REJECT_LIMIT (2) rows due to data type incompatibility", over.Error.MessageText);
        Assert.Equal(0UL, over.Count);
    }

    [Theory]
    [InlineData("1\t2020-01-01\ta\textra\n", "22P04")]
    [InlineData("1\t2020-01-01\n", "22P04")]
    [InlineData("1\t2020-01-01\ta\n\\.\nleft over\n", null)]
    public async Task Ignore_does_not_skip_format_errors_which_stop_as_they_do_without_it(string input, string? sqlState)
    {
        var table = NewTable();
        var ours = await LoadAsync(server.ConnectionString, table, "(ON_ERROR ignore)", input);
        var theirs = await LoadAsync(reference.ConnectionString, table, "", input);
        Assert.Equal(sqlState, ours.Error?.SqlState);
        Assert.Equal(theirs.Error?.SqlState, ours.Error?.SqlState);
        Assert.Equal(theirs.Error?.MessageText, ours.Error?.MessageText);
        Assert.Equal(theirs.Rows, ours.Rows);
    }

    [Fact]
    public async Task Ignore_does_not_skip_a_not_null_violation()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        var table = NewTable();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id int NOT NULL, name text)", connection))
            await create.ExecuteNonQueryAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN (ON_ERROR ignore)");
            await writer.WriteAsync("1\ta\n\\N\tb\n");
            await writer.DisposeAsync();
        });
        Assert.Equal("23502", error.SqlState);
    }

    [Theory]
    [InlineData("FROM STDIN (FORMAT binary, ON_ERROR ignore)", "42601", "only ON_ERROR STOP is allowed in BINARY mode")]
    [InlineData("FROM STDIN (REJECT_LIMIT 5)", "22023", "COPY REJECT_LIMIT requires ON_ERROR to be set to IGNORE")]
    [InlineData("FROM STDIN (ON_ERROR stop, REJECT_LIMIT 5)", "22023", "COPY REJECT_LIMIT requires ON_ERROR to be set to IGNORE")]
    [InlineData("FROM STDIN (ON_ERROR ignore, REJECT_LIMIT 0)", "22023", "REJECT_LIMIT (0) must be greater than zero")]
    [InlineData("FROM STDIN (ON_ERROR skip)", "22023", "COPY ON_ERROR \"skip\" not recognized")]
    [InlineData("FROM STDIN (LOG_VERBOSITY loud)", "22023", "COPY LOG_VERBOSITY \"loud\" not recognized")]
    [InlineData("TO STDOUT (ON_ERROR ignore)", "0A000", "COPY ON_ERROR cannot be used with COPY TO")]
    [InlineData("FROM STDIN (ON_ERROR ignore, ON_ERROR stop)", "42601", "conflicting or redundant options")]
    public async Task Option_combinations_PostgreSQL_refuses_are_refused(string tail, string sqlState, string message)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        var table = NewTable();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id int)", connection))
            await create.ExecuteNonQueryAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var command = new NpgsqlCommand($"COPY {table} {tail}", connection);
            await command.ExecuteNonQueryAsync();
        });
        Assert.Equal((sqlState, message), (error.SqlState, error.MessageText));
        await using var check = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await check.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Psql_copy_with_ignore_prints_the_notice_and_the_loaded_count()
    {
        var table = NewTable();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Input);
        try
        {
            var result = await Psql.RunAsync(server.Port, ["-v", "ON_ERROR_STOP=1"],
                $"CREATE TABLE {table} {Columns};\n\\copy {table} from '{file}' (on_error ignore)\nSELECT count(*) FROM {table};\n");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("NOTICE:  3 rows were skipped due to data type incompatibility", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("COPY 3", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

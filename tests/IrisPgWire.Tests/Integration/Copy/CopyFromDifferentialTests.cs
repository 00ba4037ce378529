using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// COPY FROM STDIN in TEXT and CSV, compared with PostgreSQL 15 case by case: the same script through
/// psql must give the same output on both servers (rows, tags, errors with their CONTEXT and SQLSTATE).
/// Each case runs on the embedded store and on the postgres backend.
/// </summary>
public abstract class CopyFromDifferentialTests(ITestServer server, int referencePort)
{
    /// <summary>The cases on the embedded store.</summary>
    [Collection(InProcessServerCollection.Name)]
    public sealed class OnSqlite(InProcessServer server, ReferencePostgres reference) : CopyFromDifferentialTests(server, reference.Port);

    /// <summary>The cases on <c>--backend postgres</c>, compared with the upstream cluster's own answers.</summary>
    [Collection(UpstreamServerCollection.Name)]
    public sealed class OnPostgres(UpstreamServer server) : CopyFromDifferentialTests(server, server.Cluster.Port);

    private const string Ints = "a int, b text";

    public static TheoryData<CopyCase> Cases() =>
    [
        // TEXT format basics.
        new("text_basic", Ints, "COPY {t} FROM STDIN;", "1\tone\n2\ttwo"),
        new("text_null_marker", Ints, "COPY {t} FROM STDIN;", "1\t\\N\n\\N\tx"),
        new("text_empty_string_is_not_null", Ints, "COPY {t} FROM STDIN;", "1\t"),
        new("text_escapes", Ints, "COPY {t} FROM STDIN;", "1\ta\\tb\\nc\\\\d\\re\n2\t\\101\\x42\\x4a\\7\n3\t\\b\\f\\v"),
        new("text_escaped_delimiter", Ints, "COPY {t} FROM STDIN WITH (DELIMITER ',');", "1,a\\,b"),
        new("text_custom_null", Ints, "COPY {t} FROM STDIN WITH (NULL 'NULL');", "1\tNULL\n2\t\\N"),
        new("text_legacy_delimiter_and_null", Ints, "COPY {t} FROM STDIN WITH DELIMITER AS '|' NULL AS '';", "1|\n2|x"),
        new("text_column_list", "a int, b text, c int DEFAULT 7", "COPY {t} (b, a) FROM STDIN;", "x\t1\ny\t2"),
        new("text_unicode", Ints, "COPY {t} FROM STDIN;", "1\tZoë ü 日本 😀"),
        // Lines whose only backslashes are NULL markers, and ones where a backslash escapes the delimiter.
        new("text_null_markers_beside_escapes", "a int, b text, c text", "COPY {t} FROM STDIN;", "1\t\\N\ta\\tb\n2\tx\\\\\t\\N\n3\t\\N\t\\N"),
        new("text_escaped_delimiter_after_null_marker", "a int, b text, c text", "COPY {t} FROM STDIN;", "1\t\\N\\\tx\ty"),
        new("text_null_string_ending_in_backslash", "a int, b text, c text", "COPY {t} FROM STDIN WITH (NULL '\\');", "1\t\\\tx\n2\t\\\ty\tz"),
        new("text_null_string_ending_in_backslash_alone", "a int, b text", "COPY {t} FROM STDIN WITH (NULL '\\');", "1\t\\"),
        // \. ends the data wherever it is in a TEXT line (copyfromparse.c, CopyReadLineText).
        new("text_end_marker_mid_line", Ints, "COPY {t} FROM STDIN;", "1\ta\n2\tb\\.\n3\tc"),
        new("text_end_marker_mid_line_corrupt", Ints, "COPY {t} FROM STDIN;", "1\ta\\.b"),
        new("text_header_skipped", Ints, "COPY {t} FROM STDIN WITH (HEADER true);", "a\tb\n1\tx"),
        new("text_extra_column", Ints, "COPY {t} FROM STDIN;", "1\tx\textra"),
        new("text_missing_column", Ints, "COPY {t} FROM STDIN;", "1"),
        new("text_missing_column_on_line_3", Ints, "COPY {t} FROM STDIN;", "1\ta\n2\tb\n3"),
        // The fields before the first missing one are converted first, so a bad one is reported instead.
        new("text_bad_value_before_missing_column", Ints, "COPY {t} FROM STDIN;", "1\ta\nabc"),
        new("csv_bad_value_before_missing_column", "a int, b int, c text", "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,x"),
        new("text_bad_integer", Ints, "COPY {t} FROM STDIN;", "1\tok\nabc\tx"),
        new("text_integer_out_of_range", Ints, "COPY {t} FROM STDIN;", "99999999999\tx"),
        new("text_empty_for_integer", Ints, "COPY {t} FROM STDIN;", "\tx"),
        new("text_varchar_too_long", "a int, b varchar(3)", "COPY {t} FROM STDIN;", "1\tabcd"),
        new("text_varchar_trailing_spaces_cut", "a int, b varchar(3)", "COPY {t} FROM STDIN;", "1\tabc   "),
        new("text_char_padded", "a int, b char(4)", "COPY {t} FROM STDIN;", "1\tab"),
        new("text_not_null_violation", "a int, b text NOT NULL", "COPY {t} FROM STDIN;", "1\t\\N"),
        new("text_unique_violation", "a int PRIMARY KEY, b text", "COPY {t} FROM STDIN;", "1\tx\n2\ty\n1\tz"),
        new("text_numeric_scale", "a int, b numeric(8,2)", "COPY {t} FROM STDIN;", "1\t1.005\n2\t-0.004\n3\t12345"),
        new("text_numeric_overflow", "a int, b numeric(4,2)", "COPY {t} FROM STDIN;", "1\t123.4"),
        new("text_booleans", "a int, b boolean", "COPY {t} FROM STDIN;", "1\tt\n2\tfalse\n3\tyes\n4\tOFF\n5\t1"),
        new("text_bad_boolean", "a int, b boolean", "COPY {t} FROM STDIN;", "1\tmaybe"),
        new("text_dates", "a int, b date", "COPY {t} FROM STDIN;", "1\t2024-02-29\n2\t20240301\n3\tJan 5 2020"),
        new("text_bad_date", "a int, b date", "COPY {t} FROM STDIN;", "1\t2024-02-30"),
        new("text_garbage_date", "a int, b date", "COPY {t} FROM STDIN;", "1\tnot a date"),
        new("text_timestamps", "a int, b timestamp", "COPY {t} FROM STDIN;", "1\t2024-05-06 07:08:09.123456\n2\t2024-05-06T07:08:09"),
        new("text_floats", "a int, b double precision", "COPY {t} FROM STDIN;", "1\t0.1\n2\t1e300\n3\tNaN\n4\t-Infinity\n5\t1.5e-7"),
        new("text_uuid", "a int, b uuid", "COPY {t} FROM STDIN;", "1\tA0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11\n2\t{a0eebc999c0b4ef8bb6d6bb9bd380a12}"),
        new("text_bad_uuid", "a int, b uuid", "COPY {t} FROM STDIN;", "1\tnot-a-uuid"),
        new("text_json", "a int, b json, c jsonb", "COPY {t} FROM STDIN;", "1\t{\"b\":1, \"a\" : [1,2]}\t{\"b\":1, \"a\" : [1,2], \"aa\": null}"),
        new("text_bytea", "a int, b bytea", "COPY {t} FROM STDIN;", "1\t\\\\x0102ff\n2\tabc"),
        new("text_smallint_overflow", "a smallint, b text", "COPY {t} FROM STDIN;", "40000\tx"),
        new("text_end_marker_corrupt", Ints, "COPY {t} FROM STDIN;", "1\ta\n\\.x"),
        new("text_long_value_in_context", "a int, b int", "COPY {t} FROM STDIN;", "1\t" + new string('9', 150)),
        new("text_defaults_for_omitted", "a int, b text DEFAULT 'dflt', c int", "COPY {t} (a, c) FROM STDIN;", "1\t2"),
        new("text_unknown_column", Ints, "COPY {t} (a, nope) FROM STDIN;", ""),
        new("text_duplicate_column", Ints, "COPY {t} (a, a) FROM STDIN;", ""),
        new("text_empty_input", Ints, "COPY {t} FROM STDIN;", ""),
        // CSV.
        new("csv_basic", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,one\n2,two"),
        new("csv_quoted", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"\""),
        new("csv_null_vs_empty", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,\n2,\"\""),
        new("csv_multiline_field", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,\"line1\nline2\"\n2,x"),
        new("csv_header", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, HEADER);", "a,b\n1,x"),
        new("csv_legacy_header", Ints, "COPY {t} FROM STDIN WITH CSV HEADER;", "a,b\n1,x\n2,y"),
        new("csv_header_match", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, HEADER match);", "a,b\n1,x"),
        new("csv_header_mismatch", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, HEADER match);", "a,c\n1,x"),
        new("csv_header_wrong_count", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, HEADER match);", "a\n1,x"),
        new("csv_custom_quote_escape", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, QUOTE '''', ESCAPE '\\');", "1,'it\\'s'\n2,'a\\\\b'"),
        new("csv_force_not_null", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (b));", "1,\n2,x"),
        new("csv_force_null", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, FORCE_NULL (b));", "1,\"\"\n2,x"),
        new("csv_legacy_force_not_null", Ints, "COPY {t} FROM STDIN WITH CSV FORCE NOT NULL b;", "1,\n"),
        new("csv_custom_null", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, NULL 'NA');", "1,NA\n2,\"NA\"\n3,"),
        new("csv_delimiter_semicolon", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, DELIMITER ';');", "1;a,b"),
        new("csv_unterminated_quote", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,\"abc"),
        new("csv_extra_column", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,a,b"),
        new("csv_bad_value", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "x,a"),
        new("csv_spaces_kept", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1, a \n2,\" b \""),
        new("csv_end_marker_alone", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv);", "1,a\n\\.\n"),
        // Options refused as PostgreSQL refuses them.
        new("option_conflicting", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, FORMAT text);", ""),
        new("option_unknown_format", Ints, "COPY {t} FROM STDIN WITH (FORMAT xml);", ""),
        new("option_unknown", Ints, "COPY {t} FROM STDIN WITH (COLOR 'red');", ""),
        new("option_long_delimiter", Ints, "COPY {t} FROM STDIN WITH (DELIMITER '||');", ""),
        new("option_newline_delimiter", Ints, "COPY {t} FROM STDIN WITH (DELIMITER E'\\n');", ""),
        new("option_quote_in_text", Ints, "COPY {t} FROM STDIN WITH (QUOTE '\"');", ""),
        new("option_escape_in_text", Ints, "COPY {t} FROM STDIN WITH (ESCAPE '\\');", ""),
        new("option_delimiter_in_null", Ints, "COPY {t} FROM STDIN WITH (DELIMITER ',', NULL 'a,b');", ""),
        new("option_force_quote_on_from", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, FORCE_QUOTE (b));", ""),
        new("option_force_not_null_in_text", Ints, "COPY {t} FROM STDIN WITH (FORCE_NOT_NULL (b));", ""),
        new("option_force_not_null_unknown_column", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (zz));", ""),
        new("option_delimiter_equals_quote", Ints, "COPY {t} FROM STDIN WITH (FORMAT csv, DELIMITER '\"');", ""),
        new("option_bad_delimiter_letter", Ints, "COPY {t} FROM STDIN WITH (DELIMITER 'a');", ""),
        new("option_header_bad_value", Ints, "COPY {t} FROM STDIN WITH (HEADER maybe);", ""),
        new("option_binary_with_delimiter", Ints, "COPY {t} FROM STDIN WITH (FORMAT binary, DELIMITER ',');", ""),
        new("option_freeze_accepted", Ints, "COPY {t} FROM STDIN WITH (FREEZE false);", "1\tx"),
        new("missing_table", Ints, "COPY no_such_table_xyz FROM STDIN;", ""),
    ];

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(CopyFromDifferentialTests))]
    public async Task Copy_from_gives_the_same_result_as_PostgreSQL(CopyCase c)
    {
        var (ours, theirs) = await DifferentialCopyRunner.RunAsync(c, server.Port, referencePort);
        Assert.Equal(theirs.Stderr, ours.Stderr);
        Assert.Equal(theirs.Stdout, ours.Stdout);
        Assert.Equal(theirs.ExitCode, ours.ExitCode);
    }

    /// <summary>
    /// Data that ends without a line ending, sent by a driver (psql always ends a script's data with one):
    /// a \. right at the end of the last line, alone on it, or with other bytes after it, and a last line
    /// with no \. at all. Rows or error must be PostgreSQL's.
    /// </summary>
    [Theory]
    [InlineData("text", "1\ta\n2\tb\\.")]
    [InlineData("text", "1\ta\n\\.")]
    [InlineData("text", "1\ta\n2\tb\\.\n3\tc")]
    [InlineData("text", "1\ta\n2\tb\\.c")]
    [InlineData("text", "1\ta\n2\tb")]
    [InlineData("text", "1\ta\n2\tb\\")]
    [InlineData("csv", "1,a\n\\.")]
    [InlineData("csv", "1,a\n\\.\n2,b")]
    public async Task Data_ending_without_a_newline_is_read_as_PostgreSQL_reads_it(string format, string data)
    {
        var theirs = await ImportAsync($"Host=127.0.0.1;Port={referencePort};Username=postgres;Database=postgres;Pooling=false", format, data);
        var ours = await ImportAsync(server.ConnectionString, format, data);
        Assert.Equal(theirs, ours);
    }

    /// <summary>Rows as "a|b" lines after an import of <paramref name="data"/>, or "error: SQLSTATE message".</summary>
    private static async Task<string> ImportAsync(string connectionString, string format, string data)
    {
        var table = "copy_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand($"CREATE TABLE {table} (a int, b text)", connection))
            await create.ExecuteNonQueryAsync();
        string result;
        try
        {
            await using (var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN WITH (FORMAT {format})"))
                await writer.WriteAsync(data);
            var rows = new List<string>();
            await using var select = new Npgsql.NpgsqlCommand($"SELECT a, b FROM {table} ORDER BY a", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add($"{reader.GetInt32(0)}|{(reader.IsDBNull(1) ? "NULL" : reader.GetString(1))}");
            result = string.Join("\n", rows);
        }
        catch (Npgsql.PostgresException e)
        {
            result = $"error: {e.SqlState} {e.MessageText}";
        }
        await using (var drop = new Npgsql.NpgsqlCommand($"DROP TABLE {table}", connection))
            await drop.ExecuteNonQueryAsync();
        return result;
    }

    /// <summary>
    /// A byte that is not UTF-8 on line <paramref name="badLine"/> of a long input (many CopyData messages,
    /// so the server's whole-run check sees it in the middle of a run): the same error, line and CONTEXT
    /// as PostgreSQL, and nothing stored.
    /// </summary>
    [Theory]
    [InlineData("text", 1, "0xc3 0x28")]
    [InlineData("text", 7000, "0xc3 0x28")]
    [InlineData("text", 19999, "0xe2 0x28 0xa1")]
    [InlineData("csv", 2, "0x80")]
    [InlineData("csv", 12345, "0xf0 0x9f 0x28 0x28")]
    [InlineData("text", 3, "0xff")]
    public async Task Invalid_utf8_deep_in_the_input_is_reported_at_its_line_as_PostgreSQL_does(string format, int badLine, string badBytes)
    {
        var table = "copy_" + Guid.NewGuid().ToString("N")[..12];
        var script = new MemoryStream();
        void Write(string text) => script.Write(System.Text.Encoding.UTF8.GetBytes(text));
        Write($"\\set SHOW_CONTEXT always\nCREATE TABLE {table} (a int, b text);\nCOPY {table} FROM STDIN WITH (FORMAT {format});\n");
        for (var line = 1; line <= 20000; line++)
        {
            var separator = format == "csv" ? "," : "\t";
            Write($"{line}{separator}Zoë {line}");
            if (line == badLine)
                script.Write([.. badBytes.Split(' ').Select(b => Convert.ToByte(b, 16)), (byte)'x']);
            Write("\n");
        }
        Write($"\\.\n\\echo SQLSTATE :LAST_ERROR_SQLSTATE\nSELECT count(*) FROM {table};\nDROP TABLE {table};\n");
        var path = Path.Combine(Path.GetTempPath(), table + ".sql");
        await File.WriteAllBytesAsync(path, script.ToArray());
        try
        {
            var ours = await Psql.RunAsync(server.Port, ["-q", "-f", path]);
            var theirs = await Psql.RunAsync(referencePort, ["-q", "-f", path]);
            Assert.Contains($"invalid byte sequence for encoding \"UTF8\": {badBytes}\n", theirs.Stderr, StringComparison.Ordinal);
            Assert.Equal(theirs.Stderr.Replace(table, "t", StringComparison.Ordinal), ours.Stderr.Replace(table, "t", StringComparison.Ordinal));
            Assert.Equal(theirs.Stdout.Replace(table, "t", StringComparison.Ordinal), ours.Stdout.Replace(table, "t", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

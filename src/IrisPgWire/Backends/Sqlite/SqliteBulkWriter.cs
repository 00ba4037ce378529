using IrisPgWire.Errors;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// COPY FROM into SQLite: one INSERT prepared once and, for each row, bound by position, stepped and
/// reset through SQLite's C API (SQLitePCLRaw, which Microsoft.Data.Sqlite is built on), inside the
/// session's transaction. This skips the per-execution parameter lookup by name that SqliteCommand does
/// (DESIGN.md, Backends: SQLite's bulk path).
/// </summary>
internal sealed class SqliteBulkWriter : IBulkRowWriter, IBulkCellWriter
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _insert;
    private readonly SqliteSession _session;
    private readonly IReadOnlyList<ColumnDefinition> _columns;

    public SqliteBulkWriter(SqliteConnection connection, SqliteSession session, TableDefinition table, IReadOnlyList<ColumnDefinition> columns)
    {
        _connection = connection;
        _session = session;
        _columns = columns;
        Defaults = ReadDefaults(connection, session, table);
        var names = string.Join(", ", columns.Select(c => SqliteTranslator.Quote(c.Name)));
        var values = string.Join(", ", columns.Select(_ => "?"));
        var sql = columns.Count == 0
            ? $"INSERT INTO {SqliteTranslator.Quote(table.Name)} DEFAULT VALUES"
            : $"INSERT INTO {SqliteTranslator.Quote(table.Name)} ({names}) VALUES ({values})";
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _insert);
        if (rc != raw.SQLITE_OK)
            throw _session.MapError(Failure(rc));
    }

    public int FailedRow { get; private set; } = -1;

    public ValueTask WriteAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken)
    {
        for (var r = 0; r < count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = rows[r];
            for (var i = 0; i < _columns.Count; i++)
                BindValue(i, row[i]);
            var rc = raw.sqlite3_step(_insert);
            if (rc != raw.SQLITE_DONE)
                throw StepFailed(rc, r, row, null, 0);
            raw.sqlite3_reset(_insert);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(BulkRowBatch batch, int start, int count, CancellationToken cancellationToken)
    {
        var statement = _insert.DangerousGetHandle();
        for (var r = 0; r < count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = start + r;
            for (var i = 0; i < _columns.Count; i++)
            {
                // SQLite parameters are numbered from 1; text is bound where the batch keeps it, which stays put through the step.
                _ = batch.Kind(row, i) switch
                {
                    BulkCellKind.Null => SqliteNative.BindNull(statement, i + 1),
                    BulkCellKind.Integer => SqliteNative.BindInt64(statement, i + 1, batch.Integer(row, i)),
                    BulkCellKind.Real => SqliteNative.BindDouble(statement, i + 1, batch.Real(row, i)),
                    BulkCellKind.Utf8 => SqliteNative.BindPinnedText(statement, i + 1, batch.Utf8(row, i)),
                    _ => BindValue(i, batch.Value(row, i)),
                };
            }
            var rc = SqliteNative.Step(statement);
            if (rc != raw.SQLITE_DONE)
                throw StepFailed(rc, r, null, batch, row);
            SqliteNative.Reset(statement);
        }
        return ValueTask.CompletedTask;
    }

    private int BindValue(int index, object? canonical) => StorageValues.ToStorage(canonical) switch
    {
        null => raw.sqlite3_bind_null(_insert, index + 1),
        long l => raw.sqlite3_bind_int64(_insert, index + 1, l),
        double d => raw.sqlite3_bind_double(_insert, index + 1, d),
        byte[] b => raw.sqlite3_bind_blob(_insert, index + 1, b),
        var v => raw.sqlite3_bind_text(_insert, index + 1, (string)v),
    };

    /// <summary>
    /// A failed INSERT: records the row and makes PostgreSQL's error, with the key for a unique violation
    /// (the row's values come from <paramref name="values"/>, or else from row <paramref name="batchRow"/> of <paramref name="batch"/>).
    /// </summary>
    private PgErrorException StepFailed(int rc, int row, object?[]? values, BulkRowBatch? batch, int batchRow)
    {
        FailedRow = row;
        var failure = Failure(rc);
        raw.sqlite3_reset(_insert);
        var error = _session.MapError(failure);
        if (error.SqlState != SqlState.UniqueViolation || SqliteErrors.UniqueColumns(failure) is not { } keys)
            return error;
        return WithKeyDetail(error, keys, column => values is not null ? values[column] : batch!.Canonical(batchRow, column, _columns[column].Type.Type));
    }

    /// <summary>The connection's last error as a SqliteException, for the one error mapping.</summary>
    private SqliteException Failure(int rc) =>
        new(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));

    public IReadOnlyList<object?> Defaults { get; }

    public ValueTask DisposeAsync()
    {
        _insert.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>PostgreSQL's DETAIL for a unique violation: <c>Key (a, b)=(1, x) already exists.</c></summary>
    private PgErrorException WithKeyDetail(PgErrorException error, IReadOnlyList<string> keys, Func<int, object?> canonical)
    {
        var values = new List<string>();
        foreach (var key in keys)
        {
            var index = _columns.ToList().FindIndex(c => c.Name == key);
            var value = index < 0 ? null : canonical(index);
            values.Add(value is null ? "null" : TextOf(_columns[index], value));
        }
        return new PgErrorException(error.SqlState, error.Message, $"Key ({string.Join(", ", keys)})=({string.Join(", ", values)}) already exists.")
        {
            SchemaName = error.SchemaName,
            TableName = error.TableName,
            ConstraintName = error.ConstraintName,
        };
    }

    private static string TextOf(ColumnDefinition column, object value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Types.PgCodecs.For(column.Type.Type).FormatText(value, buffer, Types.PgFormatSettings.Default);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Evaluates each column's stored DEFAULT expression once (PRAGMA table_info gives its text).</summary>
    private static object?[] ReadDefaults(SqliteConnection connection, SqliteSession session, TableDefinition table)
    {
        var defaults = new object?[table.Columns.Count];
        var expressions = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name, dflt_value FROM pragma_table_info($t)";
            info.Parameters.AddWithValue("$t", table.Name);
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(1))
                    expressions[reader.GetString(0)] = reader.GetString(1);
            }
        }
        for (var i = 0; i < defaults.Length; i++)
        {
            if (!expressions.TryGetValue(table.Columns[i].Name, out var expression))
                continue;
            using var evaluate = connection.CreateCommand();
            evaluate.CommandText = "SELECT " + expression;
            var stored = session.Guard(evaluate.ExecuteScalar);
            defaults[i] = StorageValues.FromStorage(stored, table.Columns[i].Type.Type);
        }
        return defaults;
    }
}

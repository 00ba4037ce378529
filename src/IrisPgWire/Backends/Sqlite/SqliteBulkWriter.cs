using IrisPgWire.Errors;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// COPY FROM into SQLite: one prepared INSERT, its parameters rebound for each row, inside the session's
/// transaction (DESIGN.md, Backends: SQLite's bulk path).
/// </summary>
internal sealed class SqliteBulkWriter : IBulkRowWriter
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;
    private readonly SqliteSession _session;
    private readonly IReadOnlyList<ColumnDefinition> _columns;

    public SqliteBulkWriter(SqliteConnection connection, SqliteSession session, TableDefinition table, IReadOnlyList<ColumnDefinition> columns)
    {
        _session = session;
        _columns = columns;
        Defaults = ReadDefaults(connection, session, table);
        _insert = connection.CreateCommand();
        var names = string.Join(", ", columns.Select(c => SqliteTranslator.Quote(c.Name)));
        var values = string.Join(", ", columns.Select((_, i) => "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _insert.CommandText = columns.Count == 0
            ? $"INSERT INTO {SqliteTranslator.Quote(table.Name)} DEFAULT VALUES"
            : $"INSERT INTO {SqliteTranslator.Quote(table.Name)} ({names}) VALUES ({values})";
        _parameters = new SqliteParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
            _parameters[i] = _insert.Parameters.Add("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), SqliteType.Text);
        _session.Guard(() =>
        {
            _insert.Prepare();
            return 0;
        });
    }

    public int FailedRow { get; private set; } = -1;

    public ValueTask WriteAsync(IReadOnlyList<object?[]> rows, int count, CancellationToken cancellationToken)
    {
        for (var r = 0; r < count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = rows[r];
            for (var i = 0; i < _parameters.Length; i++)
            {
                var value = StorageValues.ToStorage(row[i]);
                _parameters[i].SqliteType = value switch
                {
                    long => SqliteType.Integer,
                    double => SqliteType.Real,
                    byte[] => SqliteType.Blob,
                    _ => SqliteType.Text,
                };
                _parameters[i].Value = value ?? DBNull.Value;
            }
            try
            {
                _insert.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                FailedRow = r;
                var error = _session.MapError(e);
                if (error.SqlState == SqlState.UniqueViolation && SqliteErrors.UniqueColumns(e) is { } keys)
                    throw WithKeyDetail(error, keys, row);
                throw error;
            }
        }
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<object?> Defaults { get; }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();

    /// <summary>PostgreSQL's DETAIL for a unique violation: <c>Key (a, b)=(1, x) already exists.</c></summary>
    private PgErrorException WithKeyDetail(PgErrorException error, IReadOnlyList<string> keys, object?[] row)
    {
        var values = new List<string>();
        foreach (var key in keys)
        {
            var index = _columns.ToList().FindIndex(c => c.Name == key);
            values.Add(index < 0 || row[index] is null ? "null" : TextOf(_columns[index], row[index]!));
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

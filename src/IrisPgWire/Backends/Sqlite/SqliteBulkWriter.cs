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

    public SqliteBulkWriter(SqliteConnection connection, SqliteSession session, TableDefinition table, IReadOnlyList<ColumnDefinition> columns)
    {
        _session = session;
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
                _session.Guard(_insert.ExecuteNonQuery);
            }
            catch (PgErrorException)
            {
                FailedRow = r;
                throw;
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();
}

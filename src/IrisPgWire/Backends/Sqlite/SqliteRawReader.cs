using IrisPgWire.Types;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// COPY TO's read of a whole table through SQLite's C API: one prepared SELECT stepped row by row, text
/// columns handed out as the UTF-8 bytes SQLite holds, so no .NET string is made for them.
/// </summary>
internal sealed class SqliteRawReader : IRawTableReader
{
    private readonly SqliteConnection _connection;
    private readonly SqliteSession _session;
    private readonly sqlite3_stmt _select;
    private readonly PgType[] _types;

    public SqliteRawReader(SqliteConnection connection, SqliteSession session, TableDefinition table, IReadOnlyList<ColumnDefinition> columns)
    {
        _connection = connection;
        _session = session;
        _types = [.. columns.Select(c => c.Type.Type)];
        var names = string.Join(", ", columns.Select(c => SqliteTranslator.Quote(c.Name)));
        var rc = raw.sqlite3_prepare_v2(connection.Handle, $"SELECT {names} FROM {SqliteTranslator.Quote(table.Name)}", out _select);
        if (rc != raw.SQLITE_OK)
        {
            _select.Dispose();
            throw _session.MapError(Failure(rc));
        }
    }

    public bool Read()
    {
        var rc = raw.sqlite3_step(_select);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw _session.MapError(Failure(rc)),
        };
    }

    public RawValueKind GetKind(int ordinal) => raw.sqlite3_column_type(_select, ordinal) switch
    {
        raw.SQLITE_INTEGER => RawValueKind.Integer,
        raw.SQLITE_FLOAT => RawValueKind.Real,
        raw.SQLITE_TEXT => RawValueKind.Text,
        raw.SQLITE_BLOB => RawValueKind.Blob,
        _ => RawValueKind.Null,
    };

    public long GetInt64(int ordinal) => raw.sqlite3_column_int64(_select, ordinal);

    public ReadOnlySpan<byte> GetUtf8(int ordinal) => raw.sqlite3_column_blob(_select, ordinal);

    public object? GetValue(int ordinal)
    {
        object? stored = GetKind(ordinal) switch
        {
            RawValueKind.Integer => GetInt64(ordinal),
            RawValueKind.Real => raw.sqlite3_column_double(_select, ordinal),
            RawValueKind.Text => raw.sqlite3_column_text(_select, ordinal).utf8_to_string(),
            RawValueKind.Blob => raw.sqlite3_column_blob(_select, ordinal).ToArray(),
            _ => null,
        };
        return StorageValues.FromStorage(stored, _types[ordinal]);
    }

    public void Dispose() => _select.Dispose();

    private SqliteException Failure(int rc) =>
        new(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));
}

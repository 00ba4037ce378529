using IrisPgWire.Types;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// COPY TO's read of a whole table through SQLite's C API: one prepared SELECT stepped row by row, text
/// columns handed out as the UTF-8 bytes SQLite holds, so no .NET string is made for them. The per-value
/// calls go straight to the C library (<see cref="SqliteNative"/>): each step takes the row's value
/// objects once, and the values are read from those.
/// </summary>
internal sealed class SqliteRawReader : IRawTableReader
{
    private readonly SqliteConnection _connection;
    private readonly SqliteSession _session;
    private readonly sqlite3_stmt _select;
    private readonly IntPtr _handle;
    private readonly PgType[] _types;

    /// <summary>The current row's sqlite3_value pointers, valid until the next step.</summary>
    private readonly IntPtr[] _values;

    public SqliteRawReader(SqliteConnection connection, SqliteSession session, TableDefinition table, IReadOnlyList<ColumnDefinition> columns)
    {
        _connection = connection;
        _session = session;
        _types = [.. columns.Select(c => c.Type.Type)];
        _values = new IntPtr[_types.Length];
        var names = string.Join(", ", columns.Select(c => SqliteTranslator.Quote(c.Name)));
        var rc = raw.sqlite3_prepare_v2(connection.Handle, $"SELECT {names} FROM {SqliteTranslator.Quote(table.Name)}", out _select);
        if (rc != raw.SQLITE_OK)
        {
            _select.Dispose();
            throw _session.MapError(Failure(rc));
        }
        _handle = _select.DangerousGetHandle();
    }

    public bool Read()
    {
        var rc = SqliteNative.Step(_handle);
        if (rc == raw.SQLITE_DONE)
            return false;
        if (rc != raw.SQLITE_ROW)
            throw _session.MapError(Failure(rc));
        for (var i = 0; i < _values.Length; i++)
            _values[i] = SqliteNative.ColumnValue(_handle, i);
        return true;
    }

    public RawValueKind GetKind(int ordinal) => SqliteNative.ValueType(_values[ordinal]) switch
    {
        raw.SQLITE_INTEGER => RawValueKind.Integer,
        raw.SQLITE_FLOAT => RawValueKind.Real,
        raw.SQLITE_TEXT => RawValueKind.Text,
        raw.SQLITE_BLOB => RawValueKind.Blob,
        _ => RawValueKind.Null,
    };

    public long GetInt64(int ordinal) => SqliteNative.ValueInt64(_values[ordinal]);

    public double GetDouble(int ordinal) => SqliteNative.ValueDouble(_values[ordinal]);

    public ReadOnlySpan<byte> GetUtf8(int ordinal) => SqliteNative.ValueUtf8(_values[ordinal]);

    public object? GetValue(int ordinal)
    {
        object? stored = GetKind(ordinal) switch
        {
            RawValueKind.Integer => GetInt64(ordinal),
            RawValueKind.Real => GetDouble(ordinal),
            RawValueKind.Text => System.Text.Encoding.UTF8.GetString(GetUtf8(ordinal)),
            RawValueKind.Blob => raw.sqlite3_column_blob(_select, ordinal).ToArray(),
            _ => null,
        };
        return StorageValues.FromStorage(stored, _types[ordinal]);
    }

    public void Dispose() => _select.Dispose();

    private SqliteException Failure(int rc) =>
        new(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));
}

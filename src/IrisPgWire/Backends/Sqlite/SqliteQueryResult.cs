using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Rows streamed from a SqliteDataReader, typed from the translator's hints, or from the first row's
/// values where no hint says more (the first row is read ahead so RowDescription can name its types).
/// </summary>
internal sealed class SqliteQueryResult : IQueryResult
{
    private readonly SqliteCommand _command;
    private readonly SqliteDataReader _reader;
    private readonly Translation _translation;
    private readonly SqliteSession _session;
    private readonly PgType[] _types;
    private bool _peeked;
    private bool _done;
    private long _rows;

    private SqliteQueryResult(SqliteCommand command, SqliteDataReader reader, Translation translation, SqliteSession session)
    {
        _command = command;
        _reader = reader;
        _translation = translation;
        _session = session;
        _peeked = reader.Read();
        _done = !_peeked;
        var hints = translation.Hints is { } h && h.Count == reader.FieldCount ? h : null;
        var columns = new ResultColumn[reader.FieldCount];
        _types = new PgType[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var hint = hints?[i];
            var type = hint?.Type ?? new PgTypeRef(_peeked ? StorageValues.TypeOfStored(reader.GetValue(i)) : PgTypeCatalog.Text);
            columns[i] = new ResultColumn(hint?.Name ?? reader.GetName(i), type, hint?.TableOid ?? 0, hint?.ColumnNumber ?? 0);
            _types[i] = type.Type;
        }
        Columns = columns;
    }

    public static SqliteQueryResult Open(SqliteCommand command, Translation translation, SqliteSession session)
    {
        var reader = command.ExecuteReader();
        return new SqliteQueryResult(command, reader, translation, session);
    }

    public IReadOnlyList<ResultColumn>? Columns { get; }

    public string CommandTag => _translation.TagVerb == "INSERT" ? $"INSERT 0 {_rows}" : $"{_translation.TagVerb} {_rows}";

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_peeked)
        {
            _peeked = false;
            _rows++;
            return ValueTask.FromResult(true);
        }
        if (_done)
            return ValueTask.FromResult(false);
        var more = _session.Guard(() => _reader.Read());
        if (more)
            _rows++;
        else
            _done = true;
        return ValueTask.FromResult(more);
    }

    public object? GetValue(int ordinal) => StorageValues.FromStorage(_reader.GetValue(ordinal), _types[ordinal]);

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _command.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Data.Common;

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// A statement's rows read from the store's DbDataReader one at a time as the client takes them: nothing
/// is buffered beyond what the provider itself reads ahead. Holds the session's connection until disposed.
/// </summary>
internal sealed class RemoteQueryResult : IQueryResult
{
    private readonly RemoteSession _session;
    private readonly IRemoteDialect _dialect;
    private readonly string _sql;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly IReadOnlyList<ResultColumn> _columns;
    private long _rows;
    private bool _finished;
    private bool _disposed;

    public RemoteQueryResult(RemoteSession session, IRemoteDialect dialect, string sql, DbCommand command, DbDataReader reader,
        IReadOnlyList<ResultColumn> columns)
    {
        _session = session;
        _dialect = dialect;
        _sql = sql;
        _command = command;
        _reader = reader;
        _columns = columns;
    }

    public IReadOnlyList<ResultColumn>? Columns => _columns;

    public string CommandTag => RemoteCommandTag.For(_sql, _finished ? _dialect.AffectedRows(_reader) : -1, _rows);

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_finished)
            return false;
        var more = await _session.GuardAsync(() => new ValueTask<bool>(_reader.ReadAsync(cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        if (more)
            _rows++;
        else
            _finished = true;
        return more;
    }

    public object? GetValue(int ordinal) => _dialect.GetValue(_reader, ordinal, _columns[ordinal].Type);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            await _session.CloseReaderAsync(_command, _reader, _finished).ConfigureAwait(false);
        }
        finally
        {
            await _session.ReleaseUseAsync().ConfigureAwait(false);
        }
    }
}

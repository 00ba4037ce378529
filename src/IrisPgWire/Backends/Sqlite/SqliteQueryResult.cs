using System.Globalization;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Rows streamed from a <see cref="SqliteDataReader"/>, converted to canonical values of each column's
/// PostgreSQL type. When a column's type cannot be known from the statement, the first row is read ahead
/// and its SQLite storage class decides.
/// </summary>
internal sealed class SqliteQueryResult : IQueryResult
{
    private readonly SqliteCommand _command;
    private readonly SqliteDataReader _reader;
    private readonly SqliteBackendSession _session;
    private readonly string _verb;
    private readonly PgTypeRef[] _types;
    private bool _peeked;
    private bool _done;
    private long _rows;

    private SqliteQueryResult(SqliteCommand command, SqliteDataReader reader, SqliteBackendSession session, string verb,
        IReadOnlyList<ResultColumn> columns, bool peeked)
    {
        _command = command;
        _reader = reader;
        _session = session;
        _verb = verb;
        Columns = columns;
        _types = [.. columns.Select(c => c.Type)];
        _peeked = peeked;
    }

    public IReadOnlyList<ResultColumn>? Columns { get; }

    public string CommandTag => _verb switch
    {
        "INSERT" => "INSERT 0 " + _rows.ToString(CultureInfo.InvariantCulture),
        _ => _verb + " " + _rows.ToString(CultureInfo.InvariantCulture),
    };

    public static async ValueTask<SqliteQueryResult> CreateAsync(SqliteCommand command, SqliteBackendSession session,
        SqliteTranslation translation, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var known = translation.ColumnsFromReader || translation.Columns is null || translation.Columns.Count != reader.FieldCount
                ? null
                : translation.Columns;
            var peeked = false;
            if (known is null || known.Any(c => c.Type is null))
                peeked = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var columns = new List<ResultColumn>(reader.FieldCount);
            for (var k = 0; k < reader.FieldCount; k++)
            {
                var c = known?[k];
                var type = c?.Type ?? new PgTypeRef(peeked && !reader.IsDBNull(k) ? SqliteValues.InferType(reader.GetValue(k)) : PgTypeCatalog.Text);
                columns.Add(new ResultColumn(c?.Name ?? reader.GetName(k), type, c?.TableOid ?? 0, c?.ColumnNumber ?? 0));
            }
            return new SqliteQueryResult(command, reader, session, translation.TagVerb, columns, peeked);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_done)
            return false;
        if (_peeked)
        {
            _peeked = false;
            _rows++;
            return true;
        }
        bool more;
        try
        {
            more = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw SqliteErrorMapper.Map(ex, _session);
        }
        if (more)
            _rows++;
        else
            _done = true;
        return more;
    }

    public object? GetValue(int ordinal)
    {
        var raw = _reader.GetValue(ordinal);
        return raw is DBNull ? null : _session.Guard(() => SqliteValues.FromStorage(raw, _types[ordinal], _session.Context.FormatSettings));
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _command.DisposeAsync().ConfigureAwait(false);
    }
}

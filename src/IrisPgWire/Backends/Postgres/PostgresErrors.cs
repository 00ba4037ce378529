using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using IrisPgWire.Errors;
using Npgsql;

namespace IrisPgWire.Backends.Postgres;

/// <summary>
/// Npgsql's failures as the client's errors. An error the upstream raised is PostgreSQL's already and is
/// passed on field by field; a lost connection becomes 08006 without the host, port or user Npgsql's
/// own messages name.
/// </summary>
internal static class PostgresErrors
{
    public static PgErrorException Map(Exception exception)
    {
        if (exception is PostgresException upstream && !IsShutdown(upstream.SqlState))
        {
            return new PgErrorException(upstream.SqlState, upstream.MessageText, upstream.Detail, upstream.Hint)
            {
                Position = upstream.Position > 0 ? upstream.Position : null,
                Context = upstream.Where,
                SchemaName = upstream.SchemaName,
                TableName = upstream.TableName,
                ColumnName = upstream.ColumnName,
                DataTypeName = upstream.DataTypeName,
                ConstraintName = upstream.ConstraintName,
            };
        }
        if (exception is PostgresException or NpgsqlException or IOException or SocketException or TimeoutException)
        {
            return new PgErrorException(SqlState.ConnectionFailure,
                "the connection to the upstream PostgreSQL was lost; the statement and its transaction did not complete",
                hint: "Nothing of the failed transaction was committed; retry it once the upstream is back.", innerException: exception);
        }
        return new PgErrorException(SqlState.InternalError, $"the upstream PostgreSQL client failed: {exception.Message}",
            innerException: exception);
    }

    public static bool IsConnectionLost(Exception exception, DbConnection connection) =>
        connection.State != ConnectionState.Open
        || exception switch
        {
            PostgresException upstream => IsShutdown(upstream.SqlState) || upstream.SqlState.StartsWith("08", StringComparison.Ordinal),
            NpgsqlException => true,
            IOException or SocketException or TimeoutException => true,
            _ => false,
        };

    /// <summary>The upstream ending the session (shutdown, crash, not accepting connections): for us, a lost connection.</summary>
    private static bool IsShutdown(string sqlState) =>
        sqlState is SqlState.AdminShutdown or SqlState.CrashShutdown or SqlState.CannotConnectNow
        || sqlState.StartsWith("08", StringComparison.Ordinal);
}

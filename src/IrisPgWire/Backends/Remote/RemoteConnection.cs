using System.Data.Common;

namespace IrisPgWire.Backends.Remote;

/// <summary>
/// One pooled connection to the store, leased by one session at a time, with the transaction the session
/// has open on it (null outside one).
/// </summary>
public sealed class RemoteConnection
{
    internal RemoteConnection(DbConnection connection, long generation)
    {
        Connection = connection;
        Generation = generation;
    }

    public DbConnection Connection { get; }

    /// <summary>The session's open transaction on this connection, or null (each statement then commits on its own).</summary>
    public DbTransaction? Transaction { get; internal set; }

    /// <summary>The pool's generation when it was opened: a lost connection invalidates every older idle one.</summary>
    internal long Generation { get; }

    /// <summary>Set once the connection failed in a way that makes it unusable; it is then closed, not pooled.</summary>
    internal bool Broken { get; set; }

    /// <summary>A command on this connection, in its transaction.</summary>
    public DbCommand CreateCommand(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }
}

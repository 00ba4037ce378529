using System.Data.Common;
using IrisPgWire.Errors;

namespace IrisPgWire.Backends.Iris;

/// <summary>Turns what the IRIS provider throws into PostgreSQL errors through <see cref="IrisErrorMapper"/>.</summary>
public static class IrisDbErrors
{
    /// <summary>
    /// The PostgreSQL error for a provider exception: its SQLCODE read from the message (the provider puts it
    /// there as <c>[SQLCODE: &lt;-119&gt;:...]</c>), else 08006 for a broken connection, else XX000; the text is
    /// always cleaned of connection details.
    /// </summary>
    public static PgErrorException Map(DbException e)
    {
        var message = e.Message;
        if (IrisErrorMapper.TryParseSqlCode(message, out var code))
            return IrisErrorMapper.Map(code, message);
        var text = IrisErrorMapper.Sanitize(message);
        return IsConnectionLoss(e)
            ? new PgErrorException(SqlState.ConnectionFailure, "lost the connection to IRIS", detail: text)
            : new PgErrorException(SqlState.InternalError, text.Length == 0 ? "IRIS reported an error" : text);
    }

    /// <summary>Whether the exception says the connection is gone (socket errors inside, or the provider's own wording).</summary>
    public static bool IsConnectionLoss(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException or IOException)
                return true;
        }
        return e.Message.Contains("connection", StringComparison.OrdinalIgnoreCase) &&
               (e.Message.Contains("closed", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("lost", StringComparison.OrdinalIgnoreCase) ||
                e.Message.Contains("broken", StringComparison.OrdinalIgnoreCase));
    }
}

using System.Data.Common;

namespace IrisPgWire.Backends.Iris;

/// <summary>The IRIS connection string as it may appear in logs and messages: never with its password.</summary>
public static class IrisConnectionString
{
    private static readonly string[] Secrets = ["password", "pwd"];

    /// <summary>
    /// The connection string with every password key (<c>Password</c>, <c>PWD</c>, any letter case) replaced by
    /// <c>***</c>; a string that is not a valid connection string comes back as <c>(unreadable connection string)</c>,
    /// since it cannot be known where a password in it would be.
    /// </summary>
    public static string Redact(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
        foreach (var key in builder.Keys.Cast<string>().ToArray())
        {
            if (Secrets.Contains(key.Trim(), StringComparer.OrdinalIgnoreCase))
                builder[key] = "***";
        }
        return builder.ConnectionString;
    }

    /// <summary>Throws <see cref="ArgumentException"/> (without the string's text) when it is not key=value pairs.</summary>
    public static void Validate(string connectionString)
    {
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("--iris-connection is not a connection string of key=value pairs separated by semicolons, such as \"Server=localhost;Port=1972;Namespace=USER;User ID=_SYSTEM;Password=...\"");
        }
    }
}

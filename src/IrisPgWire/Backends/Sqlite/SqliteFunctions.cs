using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Types;
using IrisPgWire.Types.Codecs;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// Functions PostgreSQL has and SQLite lacks, registered on each session's connection with that
/// session's settings. A <see cref="PgErrorException"/> thrown inside one is kept so the session can
/// report it as is (SQLite only passes the message through).
/// </summary>
internal sealed class SqliteFunctions(ISessionContext context)
{
    public const string Version = "PostgreSQL 15.0 (IrisPgWire) on x86_64-pc-linux-gnu, embedded SQLite store";

    /// <summary>The error a function raised during the current statement, if any.</summary>
    public PgErrorException? PendingError { get; set; }

    public void Register(SqliteConnection connection)
    {
        connection.CreateFunction("pg_cast", (object? value, long oid, long modifier) => Guard(() => Cast(value, (uint)oid, (int)modifier)),
            isDeterministic: true);
        connection.CreateFunction("pg_ilike", (string? value, string? pattern) =>
            value is null || pattern is null ? (bool?)null : LikeMatcher.Matches(value, pattern, ignoreCase: true));
        connection.CreateFunction("version", () => Version);
        connection.CreateFunction("current_setting", (string name) => Guard(() => context.GetSetting(name)));
        connection.CreateFunction("current_setting", (string name, bool missingOk) =>
            Guard(() => missingOk ? TryGetSetting(name) : context.GetSetting(name)));
        connection.CreateFunction("set_config", (string name, string value, bool isLocal) =>
            Guard(() => context.SetSetting(name, value, isLocal)));
        connection.CreateFunction("pg_backend_pid", () => (long)context.ProcessId);
        connection.CreateFunction("pg_cancel_backend", (long pid) => context.SignalBackend((int)pid, terminate: false));
        connection.CreateFunction("pg_terminate_backend", (long pid) => context.SignalBackend((int)pid, terminate: true));
        connection.CreateFunction("current_database", () => context.DatabaseName);
        connection.CreateFunction("pg_current_user", () => context.UserName);
        connection.CreateFunction("pg_current_schema", () => "public");
        connection.CreateFunction("pg_now", () => Timestamp(context.TransactionStart.UtcDateTime));
        connection.CreateFunction("pg_clock_timestamp", () => Timestamp(DateTime.UtcNow));
        connection.CreateFunction("pg_localtimestamp", () => DateTimeText.FormatTimestamp(Local(context.TransactionStart.UtcDateTime)));
        connection.CreateFunction("pg_current_date", () => DateTimeText.FormatDate(DateOnly.FromDateTime(Local(context.TransactionStart.UtcDateTime))));
        connection.CreateFunction("pg_current_time", () => DateTimeText.FormatTime(Local(context.TransactionStart.UtcDateTime).TimeOfDay.Ticks));
        connection.CreateFunction("pg_lower", (string? s) => s?.ToLowerInvariant());
        connection.CreateFunction("pg_upper", (string? s) => s?.ToUpperInvariant());
        connection.CreateFunction("pg_length", (object? s) => s switch
        {
            null => (long?)null,
            byte[] b => b.Length,
            _ => (long)new StringInfo(Convert.ToString(s, CultureInfo.InvariantCulture)!).LengthInTextElements,
        });
        connection.CreateFunction("pg_random", () => Random.Shared.NextDouble());
        connection.CreateFunction("pg_concat", (object?[] args) =>
            string.Concat(args.Where(a => a is not null).Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))));
    }

    private string TryGetSetting(string name)
    {
        try
        {
            return context.GetSetting(name);
        }
        catch (PgErrorException)
        {
            return null!;
        }
    }

    private static string Timestamp(DateTime utc) => DateTimeText.FormatTimestamp(utc) + "+00";

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), context.FormatSettings.TimeZone);

    /// <summary>Converts any SQLite value to the storage form of a PostgreSQL type, with PostgreSQL's checks.</summary>
    private object? Cast(object? value, uint oid, int modifier)
    {
        if (value is null || value is DBNull)
            return null;
        if (!PgTypeCatalog.TryGetByOid(oid, out var type))
            throw new PgErrorException(SqlState.UndefinedObject, $"type with OID {oid} does not exist");
        var codec = PgCodecs.For(type);
        object canonical = value switch
        {
            string s => codec.ParseText(Encoding.UTF8.GetBytes(s), modifier, context.FormatSettings),
            byte[] b when type == PgTypeCatalog.Bytea => b,
            byte[] b => codec.ParseText(b, modifier, context.FormatSettings),
            _ => codec.Coerce(value, modifier),
        };
        return StorageValues.ToStorage(canonical);
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (PgErrorException e)
        {
            PendingError = e;
            throw;
        }
    }
}

using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Types;
using Microsoft.Data.Sqlite;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// The functions and collation each session's connection gets, for what SQLite lacks: PostgreSQL's
/// assignment and cast conversions, LIKE, the session functions (now(), current_setting() ...), and
/// numeric ordering of numeric values kept as text.
/// </summary>
internal static class SqliteFunctions
{
    public static void Register(SqliteConnection connection, SqliteBackendSession session)
    {
        var context = session.Context;
        connection.CreateFunction("pg_in", (object? value, long oid, long typmod) =>
            session.Guard(() => Convert(value, oid, typmod, context.FormatSettings)));
        connection.CreateFunction("pg_cast", (object? value, long oid, long typmod) =>
            session.Guard(() => Convert(value, oid, typmod, context.FormatSettings)));
        connection.CreateFunction("pg_like", (object? text, object? pattern, long ci, object? escape) =>
            IsNull(text) || IsNull(pattern) ? null
            : (object)(SqliteLike.Matches(SqliteValues.AsText(text!), SqliteValues.AsText(pattern!), ci != 0,
                IsNull(escape) ? null : SqliteValues.AsText(escape!)) ? 1L : 0L));
        connection.CreateFunction("pg_nextval", (long table, long column) =>
            session.Backend.Sequences.Next((uint)table, (short)column));
        connection.CreateFunction("pg_now", () => TimestampTz(context.TransactionStart));
        connection.CreateFunction("pg_clock_timestamp", () => TimestampTz(DateTimeOffset.UtcNow));
        connection.CreateFunction("pg_localtimestamp", () =>
            Timestamp(TimeZoneInfo.ConvertTime(context.TransactionStart, context.FormatSettings.TimeZone).DateTime));
        connection.CreateFunction("pg_current_date", () =>
            TimeZoneInfo.ConvertTime(context.TransactionStart, context.FormatSettings.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        connection.CreateFunction("pg_version", () => SqliteBackend.VersionString);
        connection.CreateFunction("pg_current_setting", (string name) => session.Guard(() => (object?)context.GetSetting(name)));
        connection.CreateFunction("pg_set_config", (string name, string value, long isLocal) =>
            session.Guard(() => (object?)context.SetSetting(name, value, isLocal != 0)));
        connection.CreateFunction("pg_backend_pid", () => (long)context.ProcessId);
        connection.CreateFunction("pg_current_database", () => context.DatabaseName);
        connection.CreateFunction("pg_current_user", () => context.UserName);
        connection.CreateFunction("pg_current_schema", () => "public");
        connection.CreateFunction("pg_random", () => Random.Shared.NextDouble());
        connection.CreateFunction("pg_gen_random_uuid", () => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture));
        connection.CreateFunction("pg_strpos", (string? hay, string? needle) =>
            hay is null || needle is null ? null : (object)(long)(hay.IndexOf(needle, StringComparison.Ordinal) + 1));
        connection.CreateFunction("pg_octet_length", (object? v) =>
            IsNull(v) ? null : (object)(long)(v is byte[] b ? b.Length : Encoding.UTF8.GetByteCount(SqliteValues.AsText(v!))));
        connection.CreateCollation("pgnumeric", CompareNumeric);
    }

    private static bool IsNull(object? v) => v is null or DBNull;

    private static object? Convert(object? value, long oid, long typmod, PgFormatSettings settings)
    {
        if (IsNull(value))
            return null;
        if (!PgTypeCatalog.TryGetByOid((uint)oid, out var type))
            throw new PgErrorException(SqlState.InternalError, $"unknown type OID {oid}");
        var canonical = SqliteValues.ToCanonical(value!, new PgTypeRef(type, (int)typmod), settings);
        return SqliteValues.ToStorage(canonical);
    }

    /// <summary>timestamptz's canonical text: UTC, microseconds without trailing zeros, <c>+00</c>.</summary>
    private static string TimestampTz(DateTimeOffset t) => Timestamp(t.UtcDateTime) + "+00";

    private static string Timestamp(DateTime t)
    {
        var s = t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var micros = t.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0 ? s : s + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>numeric ordering (src/backend/utils/adt/numeric.c, cmp_numerics): by value, NaN above everything.</summary>
    private static int CompareNumeric(string? x, string? y)
    {
        if (x == y)
            return 0;
        var xn = x == "NaN";
        var yn = y == "NaN";
        if (xn || yn)
            return xn && yn ? 0 : xn ? 1 : -1;
        if (decimal.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            return a.CompareTo(b);
        if (double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
            && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
            return da.CompareTo(db);
        return string.CompareOrdinal(x, y);
    }
}

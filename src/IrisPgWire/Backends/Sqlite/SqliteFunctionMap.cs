using System.Collections.Frozen;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// PostgreSQL functions the translator accepts, the SQLite function each becomes, and the PostgreSQL
/// result type (PostgreSQL manual, "Functions and Operators"). Anything else is refused with 42883
/// rather than passed through to a SQLite function of the same name that may mean something else.
/// </summary>
internal static class SqliteFunctionMap
{
    /// <summary>Result type rule: a fixed type, or null to take the first argument's type.</summary>
    private sealed record Entry(string SqliteName, PgType? Result, bool Aggregate = false);

    private static readonly FrozenDictionary<string, Entry> Map = new Dictionary<string, Entry>(StringComparer.Ordinal)
    {
        ["count"] = new("count", PgTypeCatalog.Int8, true),
        ["sum"] = new("sum", null, true),
        ["avg"] = new("avg", PgTypeCatalog.Numeric, true),
        ["min"] = new("min", null, true),
        ["max"] = new("max", null, true),
        ["string_agg"] = new("string_agg", PgTypeCatalog.Text, true),
        ["lower"] = new("lower", PgTypeCatalog.Text),
        ["upper"] = new("upper", PgTypeCatalog.Text),
        ["length"] = new("length", PgTypeCatalog.Int4),
        ["char_length"] = new("length", PgTypeCatalog.Int4),
        ["character_length"] = new("length", PgTypeCatalog.Int4),
        ["octet_length"] = new("pg_octet_length", PgTypeCatalog.Int4),
        ["coalesce"] = new("coalesce", null),
        ["nullif"] = new("nullif", null),
        ["greatest"] = new("max", null),
        ["least"] = new("min", null),
        ["abs"] = new("abs", null),
        ["replace"] = new("replace", PgTypeCatalog.Text),
        ["concat"] = new("concat", PgTypeCatalog.Text),
        ["concat_ws"] = new("concat_ws", PgTypeCatalog.Text),
        ["substr"] = new("substr", PgTypeCatalog.Text),
        ["substring"] = new("substr", PgTypeCatalog.Text),
        ["strpos"] = new("pg_strpos", PgTypeCatalog.Int4),
        ["ltrim"] = new("ltrim", PgTypeCatalog.Text),
        ["rtrim"] = new("rtrim", PgTypeCatalog.Text),
        ["btrim"] = new("trim", PgTypeCatalog.Text),
        ["now"] = new("pg_now", PgTypeCatalog.TimestampTz),
        ["transaction_timestamp"] = new("pg_now", PgTypeCatalog.TimestampTz),
        ["statement_timestamp"] = new("pg_clock_timestamp", PgTypeCatalog.TimestampTz),
        ["clock_timestamp"] = new("pg_clock_timestamp", PgTypeCatalog.TimestampTz),
        ["version"] = new("pg_version", PgTypeCatalog.Text),
        ["current_setting"] = new("pg_current_setting", PgTypeCatalog.Text),
        ["set_config"] = new("pg_set_config", PgTypeCatalog.Text),
        ["pg_backend_pid"] = new("pg_backend_pid", PgTypeCatalog.Int4),
        ["current_database"] = new("pg_current_database", PgTypeCatalog.Name),
        ["current_schema"] = new("pg_current_schema", PgTypeCatalog.Name),
        ["random"] = new("pg_random", PgTypeCatalog.Float8),
        ["gen_random_uuid"] = new("pg_gen_random_uuid", PgTypeCatalog.Uuid),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>SQL-standard functions written without parentheses (PostgreSQL manual, "Date/Time Functions", "System Information Functions").</summary>
    private static readonly FrozenDictionary<string, Entry> Bare = new Dictionary<string, Entry>(StringComparer.Ordinal)
    {
        ["current_timestamp"] = new("pg_now", PgTypeCatalog.TimestampTz),
        ["localtimestamp"] = new("pg_localtimestamp", PgTypeCatalog.Timestamp),
        ["current_date"] = new("pg_current_date", PgTypeCatalog.Date),
        ["current_user"] = new("pg_current_user", PgTypeCatalog.Name),
        ["session_user"] = new("pg_current_user", PgTypeCatalog.Name),
        ["user"] = new("pg_current_user", PgTypeCatalog.Name),
        ["current_role"] = new("pg_current_user", PgTypeCatalog.Name),
        ["current_catalog"] = new("pg_current_database", PgTypeCatalog.Name),
        ["current_schema"] = new("pg_current_schema", PgTypeCatalog.Name),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string name, out string sqliteName, out PgType? result, out bool aggregate)
    {
        if (Map.TryGetValue(name, out var e))
        {
            (sqliteName, result, aggregate) = (e.SqliteName, e.Result, e.Aggregate);
            return true;
        }
        (sqliteName, result, aggregate) = (string.Empty, null, false);
        return false;
    }

    public static bool TryGetBare(string name, out string sqliteName, out PgType result)
    {
        if (Bare.TryGetValue(name, out var e))
        {
            (sqliteName, result) = (e.SqliteName, e.Result!);
            return true;
        }
        (sqliteName, result) = (string.Empty, PgTypeCatalog.Text);
        return false;
    }

    /// <summary>The result type of sum(x) (PostgreSQL manual, "Aggregate Functions"): bigint for int2/int4, numeric for int8 and numeric.</summary>
    public static PgTypeRef? SumType(PgTypeRef? argument)
    {
        if (argument is not { } a)
            return null;
        if (a.Type == PgTypeCatalog.Int2 || a.Type == PgTypeCatalog.Int4)
            return new PgTypeRef(PgTypeCatalog.Int8);
        if (a.Type == PgTypeCatalog.Int8 || a.Type == PgTypeCatalog.Numeric)
            return new PgTypeRef(PgTypeCatalog.Numeric);
        if (a.Type == PgTypeCatalog.Float4 || a.Type == PgTypeCatalog.Float8)
            return new PgTypeRef(a.Type);
        return new PgTypeRef(a.Type);
    }

    /// <summary>avg of float is double precision, of anything else numeric.</summary>
    public static PgTypeRef AvgType(PgTypeRef? argument) =>
        argument is { } a && (a.Type == PgTypeCatalog.Float4 || a.Type == PgTypeCatalog.Float8)
            ? new PgTypeRef(PgTypeCatalog.Float8)
            : new PgTypeRef(PgTypeCatalog.Numeric);
}

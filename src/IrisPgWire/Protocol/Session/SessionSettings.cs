using System.Collections.Frozen;
using System.Globalization;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Protocol.Session;

/// <summary>
/// A session's run-time settings (SET, SHOW, RESET, set_config, current_setting), with PostgreSQL's
/// transactional behaviour: a SET inside a transaction that rolls back is undone, and SET LOCAL lasts
/// until the transaction ends (PostgreSQL manual, "SET").
/// </summary>
internal sealed class SessionSettings
{
    /// <summary>The version the server reports; clients pick features by it.</summary>
    public const string ServerVersion = "15.0";

    private static readonly FrozenDictionary<string, SettingDefinition> Definitions = BuildDefinitions();

    private Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _local = new(StringComparer.Ordinal);
    private Dictionary<string, string>? _transactionSnapshot;
    private readonly HashSet<string> _changedReported = new(StringComparer.Ordinal);

    public SessionSettings(string userName)
    {
        foreach (var definition in Definitions.Values)
            _values[definition.Name.ToLowerInvariant()] = definition.DefaultValue;
        _values["session_authorization"] = userName;
        Format = BuildFormat();
    }

    /// <summary>The settings that change how values are read and printed, kept current.</summary>
    public PgFormatSettings Format { get; private set; }

    /// <summary>Milliseconds; 0 disables.</summary>
    public long StatementTimeoutMs => SettingValues.ParseMilliseconds("statement_timeout", Get("statement_timeout"));

    public long LockTimeoutMs => SettingValues.ParseMilliseconds("lock_timeout", Get("lock_timeout"));

    /// <summary>The reported settings (name, value) sent as ParameterStatus after startup.</summary>
    public IEnumerable<(string Name, string Value)> Reported()
    {
        foreach (var definition in Definitions.Values)
        {
            if (definition.Reported)
                yield return (definition.Name, Get(definition.Name));
        }
    }

    /// <summary>Reported settings whose value changed since the last call, to send as ParameterStatus.</summary>
    public IReadOnlyList<(string Name, string Value)> TakeReportedChanges()
    {
        if (_changedReported.Count == 0)
            return [];
        var changes = _changedReported.Select(key => (Definitions[key].Name, Get(key))).ToList();
        _changedReported.Clear();
        return changes;
    }

    /// <summary>SHOW's value; throws 42704 for an unknown name.</summary>
    public string Get(string name)
    {
        var key = name.ToLowerInvariant();
        if (_local.TryGetValue(key, out var local))
            return local;
        if (_values.TryGetValue(key, out var value))
            return value;
        throw Unrecognized(name);
    }

    /// <summary>Every known setting and its value, for SHOW ALL.</summary>
    public IEnumerable<(string Name, string Value)> All() =>
        Definitions.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Select(d => (d.Name, Get(d.Name)));

    /// <summary>
    /// SET name TO value (null value: DEFAULT). Custom names with a dot (<c>myapp.x</c>) take any text.
    /// Returns the value SHOW now prints.
    /// </summary>
    public string Set(string name, string? value, bool isLocal, bool inTransaction)
    {
        var key = name.ToLowerInvariant();
        string normalized;
        if (Definitions.TryGetValue(key, out var definition))
        {
            if (definition.ReadOnly)
                throw new PgErrorException(SqlState.CantChangeRuntimeParam, $"parameter \"{key}\" cannot be changed");
            normalized = value is null ? definition.DefaultValue : Normalize(definition, value);
        }
        else if (key.Contains('.', StringComparison.Ordinal))
        {
            normalized = value ?? "";
        }
        else
        {
            throw Unrecognized(name);
        }

        if (isLocal)
        {
            // SET LOCAL outside a transaction block only warns in PostgreSQL; the caller sends the warning.
            if (inTransaction)
                _local[key] = normalized;
        }
        else
        {
            _values[key] = normalized;
            _local.Remove(key);
        }
        Changed(key);
        return Get(key);
    }

    public void Reset(string name) => Set(name, null, isLocal: false, inTransaction: false);

    public void ResetAll()
    {
        foreach (var definition in Definitions.Values)
        {
            if (!definition.ReadOnly && definition.Name != "session_authorization")
                Set(definition.Name, null, isLocal: false, inTransaction: false);
        }
    }

    public void OnTransactionStart() => _transactionSnapshot = new Dictionary<string, string>(_values, StringComparer.Ordinal);

    public void OnTransactionEnd(bool committed)
    {
        foreach (var key in _local.Keys)
            Changed(key);
        _local.Clear();
        if (!committed && _transactionSnapshot is not null)
        {
            foreach (var (key, value) in _transactionSnapshot)
            {
                if (!_values.TryGetValue(key, out var now) || now != value)
                    Changed(key);
            }
            _values = _transactionSnapshot;
        }
        _transactionSnapshot = null;
        Format = BuildFormat();
    }

    private void Changed(string key)
    {
        if (Definitions.TryGetValue(key, out var definition) && definition.Reported)
            _changedReported.Add(key);
        Format = BuildFormat();
    }

    private string Normalize(SettingDefinition definition, string value) =>
        definition.Name == "DateStyle"
            ? SettingValues.DateStyle(value, Get("datestyle"))
            : definition.Normalize is null ? value : definition.Normalize(value);

    private PgFormatSettings BuildFormat()
    {
        var (zoneName, zone) = SettingValues.TimeZone(Get("timezone"));
        return new PgFormatSettings
        {
            DateStyle = Get("datestyle"),
            IntervalStyle = Get("intervalstyle"),
            TimeZoneName = zoneName,
            TimeZone = zone,
            ExtraFloatDigits = int.Parse(Get("extra_float_digits"), CultureInfo.InvariantCulture),
            ByteaOutputHex = Get("bytea_output") == "hex",
        };
    }

    private static PgErrorException Unrecognized(string name) =>
        new(SqlState.UndefinedObject, $"unrecognized configuration parameter \"{name}\"");

    private static FrozenDictionary<string, SettingDefinition> BuildDefinitions()
    {
        SettingDefinition[] all =
        [
            new("application_name", "", Reported: true),
            new("client_encoding", "UTF8", Reported: true, Normalize: SettingValues.ClientEncoding),
            new("DateStyle", "ISO, MDY", Reported: true),
            new("default_transaction_read_only", "off", Reported: true, Normalize: v => SettingValues.Boolean("default_transaction_read_only", v)),
            new("in_hot_standby", "off", Reported: true, ReadOnly: true),
            new("integer_datetimes", "on", Reported: true, ReadOnly: true),
            new("IntervalStyle", "postgres", Reported: true,
                Normalize: v => SettingValues.OneOf("IntervalStyle", v, "postgres", "postgres_verbose", "sql_standard", "iso_8601")),
            new("is_superuser", "on", Reported: true, ReadOnly: true),
            new("server_encoding", "UTF8", Reported: true, ReadOnly: true),
            new("server_version", ServerVersion, Reported: true, ReadOnly: true),
            new("session_authorization", "postgres", Reported: true),
            new("standard_conforming_strings", "on", Reported: true, Normalize: v => SettingValues.Boolean("standard_conforming_strings", v) == "on"
                ? "on"
                : throw new PgErrorException(SqlState.FeatureNotSupported, "standard_conforming_strings = off is not supported")),
            new("TimeZone", "UTC", Reported: true, Normalize: v => SettingValues.TimeZone(v).Name),
            new("server_version_num", "150000", ReadOnly: true),
            new("max_identifier_length", "63", ReadOnly: true),
            new("lc_collate", "C", ReadOnly: true),
            new("lc_ctype", "C", ReadOnly: true),
            new("lc_messages", "C"),
            new("lc_monetary", "C"),
            new("lc_numeric", "C"),
            new("lc_time", "C"),
            new("extra_float_digits", "1", Normalize: v => SettingValues.Integer("extra_float_digits", v, -15, 3)),
            new("bytea_output", "hex", Normalize: v => SettingValues.OneOf("bytea_output", v, "hex", "escape")),
            new("statement_timeout", "0", Normalize: v => SettingValues.Milliseconds("statement_timeout", v)),
            new("lock_timeout", "0", Normalize: v => SettingValues.Milliseconds("lock_timeout", v)),
            new("idle_in_transaction_session_timeout", "0", Normalize: v => SettingValues.Milliseconds("idle_in_transaction_session_timeout", v)),
            new("search_path", "\"$user\", public"),
            new("client_min_messages", "notice",
                Normalize: v => SettingValues.OneOf("client_min_messages", v, "debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error")),
            new("transaction_isolation", "read committed", ReadOnly: true),
            new("default_transaction_isolation", "read committed",
                Normalize: v => SettingValues.OneOf("default_transaction_isolation", v, "serializable", "repeatable read", "read committed", "read uncommitted")),
            new("synchronous_commit", "on"),
            new("work_mem", "4MB"),
            new("maintenance_work_mem", "64MB"),
            new("jit", "off"),
            new("row_security", "on"),
            new("check_function_bodies", "on"),
            new("xmloption", "content"),
            new("timezone_abbreviations", "Default"),
            new("default_tablespace", ""),
            new("role", "none"),
            new("max_connections", "100", ReadOnly: true),
        ];
        return all.ToFrozenDictionary(d => d.Name.ToLowerInvariant(), StringComparer.Ordinal);
    }
}

using IrisPgWire.Backends;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Backends.Sqlite;

/// <summary>A session context with PostgreSQL's defaults and a settings dictionary.</summary>
internal sealed class TestSessionContext : ISessionContext
{
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal)
    {
        ["application_name"] = string.Empty,
        ["timezone"] = "UTC",
    };

    public int ProcessId => 4242;
    public string UserName => "alice";
    public string DatabaseName => "shop";
    public PgFormatSettings FormatSettings => PgFormatSettings.Default;
    public DateTimeOffset TransactionStart { get; set; } = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234560);

    public string GetSetting(string name) =>
        _settings.TryGetValue(name, out var v) ? v
        : throw new PgErrorException(SqlState.UndefinedObject, $"unrecognized configuration parameter \"{name}\"");

    public string SetSetting(string name, string value, bool isLocal)
    {
        _settings[name] = value;
        return value;
    }
}

namespace IrisPgWire.Protocol.Session;

/// <summary>
/// One run-time setting the server knows: its canonical spelling, default, whether clients are told
/// of changes through ParameterStatus (GUC_REPORT in PostgreSQL's guc_tables.c), and how a value is checked
/// and normalised to what SHOW prints.
/// </summary>
internal sealed record SettingDefinition(string Name, string DefaultValue, bool Reported = false,
    bool ReadOnly = false, Func<string, string>? Normalize = null);

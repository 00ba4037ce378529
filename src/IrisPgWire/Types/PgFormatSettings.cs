namespace IrisPgWire.Types;

/// <summary>
/// The session settings that change how values are read and printed (DateStyle, IntervalStyle,
/// TimeZone, extra_float_digits, bytea_output). Immutable; the session makes a new one when a SET changes them.
/// </summary>
public sealed record PgFormatSettings
{
    public static readonly PgFormatSettings Default = new();

    /// <summary>DateStyle as SHOW prints it, for example <c>ISO, MDY</c>.</summary>
    public string DateStyle { get; init; } = "ISO, MDY";

    /// <summary>IntervalStyle: postgres, postgres_verbose, sql_standard or iso_8601.</summary>
    public string IntervalStyle { get; init; } = "postgres";

    /// <summary>TimeZone as the user named it (<c>UTC</c>, <c>Europe/Paris</c>).</summary>
    public string TimeZoneName { get; init; } = "UTC";

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>extra_float_digits: 1 (the default since PostgreSQL 12) means shortest round-trip output.</summary>
    public int ExtraFloatDigits { get; init; } = 1;

    /// <summary>bytea_output: hex (default) or escape.</summary>
    public bool ByteaOutputHex { get; init; } = true;
}

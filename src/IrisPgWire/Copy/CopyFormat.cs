namespace IrisPgWire.Copy;

/// <summary>COPY's data formats (PostgreSQL manual, "COPY", File Formats).</summary>
public enum CopyFormat
{
    Text,
    Csv,
    Binary,
}

/// <summary>HEADER: none, present (skipped or written), or MATCH (checked against the column names, COPY FROM only).</summary>
public enum CopyHeader
{
    None,
    Present,
    Match,
}

/// <summary>ON_ERROR: what a data conversion error in a row does (PostgreSQL 17).</summary>
public enum CopyOnError
{
    Stop,
    Ignore,
}

/// <summary>LOG_VERBOSITY: none, the closing count, or also one NOTICE per skipped row.</summary>
public enum CopyLogVerbosity
{
    Silent,
    Default,
    Verbose,
}

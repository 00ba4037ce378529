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

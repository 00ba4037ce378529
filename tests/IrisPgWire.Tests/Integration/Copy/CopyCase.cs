namespace IrisPgWire.Tests.Integration.Copy;

/// <summary>
/// One differential COPY case: a table, a COPY statement (with {t} for the table name) and the data that
/// follows it in the script, as pg_dump writes it.
/// </summary>
public sealed record CopyCase(string Name, string Columns, string Copy, string Data)
{
    public override string ToString() => Name;
}

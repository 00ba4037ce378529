namespace IrisPgWire.Backends.Iris;

/// <summary>How the server talks to IRIS, from the command line.</summary>
/// <param name="ConnectionString">The ADO.NET connection string (log it only through <see cref="IrisConnectionString.Redact"/>).</param>
/// <param name="ClientAssembly">--iris-client-assembly, or null to search (see <see cref="IrisProviderSearch"/>).</param>
/// <param name="Strategy">How COPY FROM sends rows.</param>
/// <param name="Hints">INSERT hints for COPY FROM's statements.</param>
public sealed record IrisSettings(string ConnectionString, string? ClientAssembly, IrisInsertStrategy Strategy, IrisInsertHints Hints)
{
    /// <summary>The connection string without its password, for logs.</summary>
    public string Redacted => IrisConnectionString.Redact(ConnectionString);

    /// <summary>A record's generated ToString would print the password.</summary>
    public override string ToString() =>
        $"IrisSettings {{ Connection = {Redacted}, ClientAssembly = {ClientAssembly ?? "(searched)"}, Strategy = {IrisProbeText.StrategyName(Strategy)}, Hints = {Hints} }}";
}

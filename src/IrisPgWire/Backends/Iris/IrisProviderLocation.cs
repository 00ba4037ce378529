namespace IrisPgWire.Backends.Iris;

/// <summary>Where the provider assembly was found, and how (for the probe's report and the startup log).</summary>
/// <param name="AssemblyPath">The full path of InterSystems.Data.IRISClient.dll.</param>
/// <param name="Source">"--iris-client-assembly", "NuGet package 2.6.1", "IRIS install /usr/irissys".</param>
public sealed record IrisProviderLocation(string AssemblyPath, string Source);

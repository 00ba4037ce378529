namespace IrisPgWire.Tests.Integration.Iris;

/// <summary>
/// A theory that runs only against a real IRIS: <c>IRIS_TEST_CONNECTION</c> must hold an ADO.NET connection string
/// (and <c>IRIS_CLIENT_ASSEMBLY</c> may point at InterSystems.Data.IRISClient.dll). Without it the theory is reported
/// as skipped, one line, never as passed: no IRIS server is available on this project's machines.
/// </summary>
/// <remarks>xunit 2.9 reads <c>Skip</c> from the attribute instance, so setting it in the constructor decides per run.</remarks>
public sealed class IrisTheoryAttribute : TheoryAttribute
{
    public const string ConnectionVariable = "IRIS_TEST_CONNECTION";
    public const string AssemblyVariable = "IRIS_CLIENT_ASSEMBLY";

    public IrisTheoryAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionVariable)))
            Skip = $"{ConnectionVariable} is not set, so the COPY scenarios against a real IRIS did not run (no IRIS server here)";
    }
}

namespace IrisPgWire.Tests.Infrastructure;

/// <summary>A running server under test, whatever its backend: where clients connect.</summary>
public interface ITestServer
{
    int Port { get; }

    /// <summary>An Npgsql connection string to it.</summary>
    string ConnectionString { get; }
}

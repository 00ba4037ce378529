using BenchmarkDotNet.Attributes;
using IrisPgWire.Backends;
using IrisPgWire.Backends.Sqlite;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// The row pipeline into the embedded store: the patients rows, already converted, through the SQLite
/// backend's bulk writer in batches of 1000 (as COPY FROM hands them over) in one committed transaction.
/// </summary>
public class StoreBenchmarks
{
    private const int BatchRows = 1000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "irispgwire-bench-store-" + Environment.ProcessId);
    private SqliteBackend _backend = null!;
    private IBackendSession _session = null!;
    private object?[][][] _batches = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _batches = [.. PatientsData.Instance.Values.Chunk(BatchRows)];
        _backend = new SqliteBackend(_directory);
        _session = await _backend.OpenSessionAsync(new BenchSessionContext(), CancellationToken.None);
        await using var created = await _session.ExecuteAsync(
            "CREATE TABLE patients (PatientID integer, FirstName text, LastName text, DateOfBirth date, Gender text, " +
            "Status text, AdmissionDate date, DischargeDate date)", [], CancellationToken.None);
    }

    [IterationSetup]
    public void Empty()
    {
        var result = _session.ExecuteAsync("DELETE FROM patients", [], CancellationToken.None).AsTask().GetAwaiter().GetResult();
        result.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _session.DisposeAsync();
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<long> BulkWrite()
    {
        var table = await _session.GetTableAsync(null, "patients", CancellationToken.None);
        await _session.BeginAsync(forWriting: true, CancellationToken.None);
        long rows = 0;
        await using (var writer = await _session.OpenBulkWriterAsync(table, table.Columns, CancellationToken.None))
        {
            foreach (var batch in _batches)
            {
                await writer.WriteAsync(batch, batch.Length, CancellationToken.None);
                rows += batch.Length;
            }
        }
        await _session.CommitAsync(CancellationToken.None);
        return rows;
    }
}

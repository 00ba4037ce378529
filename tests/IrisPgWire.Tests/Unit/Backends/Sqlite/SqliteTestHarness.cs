using IrisPgWire.Backends;
using IrisPgWire.Backends.Sqlite;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Backends.Sqlite;

/// <summary>A real <see cref="SqliteBackend"/> in a temporary directory with one open session.</summary>
public abstract class SqliteTestHarness : IAsyncLifetime
{
    protected string Directory { get; } = Path.Combine(Path.GetTempPath(), "irispgwire-sqlite-" + Guid.NewGuid().ToString("N"));
    protected SqliteBackend Backend { get; private set; } = null!;
    protected IBackendSession Session { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = new SqliteBackend(Directory);
        Session = await Backend.OpenSessionAsync(new TestSessionContext(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        await Backend.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected sealed record Result(IReadOnlyList<ResultColumn>? Columns, List<object?[]> Rows, string Tag);

    protected async Task<Result> RunAsync(string sql, params object?[] parameters)
    {
        var ps = parameters.Select(p => new QueryParameter(PgTypeCatalog.Unknown, p)).ToList();
        return await RunTypedAsync(sql, ps);
    }

    protected async Task<Result> RunTypedAsync(string sql, IReadOnlyList<QueryParameter> parameters)
    {
        await using var r = await Session.ExecuteAsync(sql, parameters, CancellationToken.None);
        var rows = new List<object?[]>();
        while (await r.ReadAsync(CancellationToken.None))
            rows.Add([.. Enumerable.Range(0, r.Columns!.Count).Select(r.GetValue)]);
        return new Result(r.Columns, rows, r.CommandTag);
    }

    protected async Task<IrisPgWire.Errors.PgErrorException> FailsAsync(string sql, params object?[] parameters) =>
        await Assert.ThrowsAsync<IrisPgWire.Errors.PgErrorException>(() => RunAsync(sql, parameters));
}

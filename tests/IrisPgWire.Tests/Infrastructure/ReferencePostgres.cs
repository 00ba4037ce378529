using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IrisPgWire.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 (Debian's package) on a free loopback port in a temp directory, the
/// reference the differential tests compare against. PostgreSQL refuses to run as root, so when the
/// tests run as root it runs as the postgres OS user. The remote-backend tests also use one as the
/// upstream store, which they stop (<see cref="StopImmediatelyAsync"/>) and start again.
/// </summary>
public sealed class ReferencePostgres : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private string _directory = "";

    public int Port { get; private set; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing): install Debian's postgresql package, or run scripts/test.sh, which does.");
        _directory = Directory.CreateTempSubdirectory("irispgwire-ref-").FullName;
        Port = FreePort();
        await RunAsync("chmod", ["755", _directory], asPostgres: false);
        if (Environment.UserName == "root")
            await RunAsync("chown", ["postgres:postgres", _directory], asPostgres: false);
        var data = Path.Combine(_directory, "data");
        await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await StartAsync();
    }

    /// <summary>Starts the server (again) on the same port and data directory, waiting until it accepts connections.</summary>
    public Task StartAsync() => RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
    [
        "-D", Path.Combine(_directory, "data"), "-l", Path.Combine(_directory, "log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c timezone=UTC -c datestyle='ISO, MDY'", "start",
    ]);

    /// <summary>
    /// Stops the server as a crash would: <c>pg_ctl stop -m immediate</c> ends every backend at once, without
    /// a checkpoint; the next start runs crash recovery, which keeps exactly what was committed.
    /// </summary>
    public Task StopImmediatelyAsync() =>
        RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);

    public async Task DisposeAsync()
    {
        if (_directory.Length == 0)
            return;
        try
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", file, .. arguments])
                start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = file;
            foreach (var a in arguments)
                start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }
}

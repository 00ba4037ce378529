using System.Diagnostics;

namespace IrisPgWire.Tests.Infrastructure;

/// <summary>What a client program did: exit code and output.</summary>
public sealed record ClientResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a client program with input and a time limit, ending only the process it started.</summary>
internal static class ClientProcess
{
    public static async Task<ClientResult> RunAsync(string file, IEnumerable<string> arguments, string? stdin,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in time; stderr so far: {await stderr}");
        }
        return new ClientResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>psql from PATH against a server on loopback, without any psqlrc.</summary>
public static class Psql
{
    public static Task<ClientResult> RunAsync(int port, string[] arguments, string? stdin = null) =>
        ClientProcess.RunAsync("psql", ["-X", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", .. arguments],
            stdin, new Dictionary<string, string> { ["PGCONNECT_TIMEOUT"] = "10", ["PGCLIENTENCODING"] = "UTF8", ["PAGER"] = "" });
}

/// <summary>Debian's python3 (which has python3-psycopg), not a python3 that may come first on PATH.</summary>
public static class PythonClient
{
    public static Task<ClientResult> RunAsync(string script, string[] arguments, string? stdin = null) =>
        ClientProcess.RunAsync("/usr/bin/python3", ["-c", script, .. arguments], stdin);
}

using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using IrisPgWire.Backends;
using IrisPgWire.Backends.Sqlite;
using IrisPgWire.Host;
using IrisPgWire.Server;
using Microsoft.Extensions.Logging;

var hostOption = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
var portOption = new Option<int>("--port") { Description = "TCP port to listen on", DefaultValueFactory = _ => 5432 };
var dataDirOption = new Option<string>("--data-dir") { Description = "Directory of the embedded store", DefaultValueFactory = _ => "./data" };
var backendOption = new Option<string>("--backend") { Description = "Where data is stored", DefaultValueFactory = _ => "sqlite" };
backendOption.AcceptOnlyFromAmong("sqlite", "iris");
var maxConnectionsOption = new Option<int>("--max-connections") { Description = "Most client connections at once", DefaultValueFactory = _ => 100 };
var maxCopiesOption = new Option<int>("--max-concurrent-copies")
{
    Description = "Most COPY operations running at once; more wait up to lock_timeout, then fail with 53300",
    DefaultValueFactory = _ => 2 * Environment.ProcessorCount,
};
var logLevelOption = new Option<LogLevel>("--log-level") { Description = "Least severe log level shown", DefaultValueFactory = _ => LogLevel.Information };

var root = new RootCommand("IrisPgWire: a PostgreSQL wire-protocol server for bulk COPY into InterSystems IRIS or an embedded store")
{
    hostOption, portOption, dataDirOption, backendOption, maxConnectionsOption, maxCopiesOption, logLevelOption,
};
var irisOptions = new IrisOptions();
irisOptions.AddTo(root, withInsertSettings: true);
root.Subcommands.Add(IrisProbeCommand.Create());

root.SetAction(async (parse, _) =>
{
    using var loggerFactory = LoggerFactory.Create(builder => builder
        .SetMinimumLevel(parse.GetValue(logLevelOption))
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        }));
    var options = new PgServerOptions
    {
        Host = parse.GetValue(hostOption)!,
        Port = parse.GetValue(portOption),
        MaxConnections = parse.GetValue(maxConnectionsOption),
        MaxConcurrentCopies = Math.Max(1, parse.GetValue(maxCopiesOption)),
    };

    IBackend backend;
    try
    {
        if (parse.GetValue(backendOption) == "iris")
        {
            // IrisBackendStartup has said on stderr why it cannot start.
            var iris = await IrisBackendStartup.CreateAsync(irisOptions, parse, new IrisPgWire.Backends.Remote.RemoteBackendOptions(), loggerFactory);
            if (iris is null)
                return 2;
            backend = iris;
        }
        else
        {
            backend = new SqliteBackend(parse.GetValue(dataDirOption)!);
        }
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                  or Microsoft.Data.Sqlite.SqliteException)
    {
        await Console.Error.WriteLineAsync($"irispgwire: data directory \"{parse.GetValue(dataDirOption)}\" is unusable: {e.Message}");
        return 2;
    }

    await using (backend)
    {
        await using var server = new PgServer(options, backend, loggerFactory);
        try
        {
            await server.StartAsync(CancellationToken.None);
        }
        catch (SocketException e)
        {
            await Console.Error.WriteLineAsync($"irispgwire: could not listen on {options.Host}:{options.Port}: {e.Message}");
            return 1;
        }

        // Ctrl-C and SIGTERM stop the server cleanly: sessions end and open transactions roll back.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stop.Task;
        await server.StopAsync();
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
});

return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

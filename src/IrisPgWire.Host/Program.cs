using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using IrisPgWire.Backends;
using IrisPgWire.Backends.Postgres;
using IrisPgWire.Backends.Remote;
using IrisPgWire.Backends.Sqlite;
using IrisPgWire.Errors;
using IrisPgWire.Host;
using IrisPgWire.Server;
using Microsoft.Extensions.Logging;

var hostOption = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
var portOption = new Option<int>("--port") { Description = "TCP port to listen on", DefaultValueFactory = _ => 5432 };
var dataDirOption = new Option<string>("--data-dir") { Description = "Directory of the embedded store", DefaultValueFactory = _ => "./data" };
var backendOption = new Option<string>("--backend") { Description = "Where data is stored", DefaultValueFactory = _ => "sqlite" };
backendOption.AcceptOnlyFromAmong("sqlite", "postgres", "iris");
var upstreamOption = new Option<string?>("--upstream")
{
    Description = "With --backend postgres: the upstream server, as an Npgsql connection string (Host=...;Port=...;Username=...;Database=...)",
};
var poolSizeOption = new Option<int>("--remote-pool-size")
{
    Description = "With a remote backend: most connections to the store at once; sessions wait for a free one",
    DefaultValueFactory = _ => 10,
};
var poolTimeoutOption = new Option<int>("--remote-pool-timeout")
{
    Description = "Seconds a session waits for a free store connection before failing with 53300",
    DefaultValueFactory = _ => 30,
};
var maxConnectionsOption = new Option<int>("--max-connections") { Description = "Most client connections at once", DefaultValueFactory = _ => 100 };
var maxCopiesOption = new Option<int>("--max-concurrent-copies")
{
    Description = "Most COPY operations running at once; more wait up to lock_timeout, then fail with 53300",
    DefaultValueFactory = _ => 2 * Environment.ProcessorCount,
};
var logLevelOption = new Option<LogLevel>("--log-level") { Description = "Least severe log level shown", DefaultValueFactory = _ => LogLevel.Information };

var root = new RootCommand("IrisPgWire: a PostgreSQL wire-protocol server for bulk COPY into InterSystems IRIS or an embedded store")
{
    hostOption, portOption, dataDirOption, backendOption, upstreamOption, poolSizeOption, poolTimeoutOption, maxConnectionsOption,
    maxCopiesOption, logLevelOption,
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

    // One factory per backend: each returns the backend, or null after printing one line saying why it cannot start.
    var backend = parse.GetValue(backendOption) switch
    {
        "postgres" => await CreatePostgresBackendAsync(parse, loggerFactory),
        "iris" => await IrisBackendStartup.CreateAsync(irisOptions, parse, RemoteOptions(parse), loggerFactory),
        _ => await CreateSqliteBackendAsync(parse),
    };
    if (backend is null)
        return 2;

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

async Task<IBackend?> CreateSqliteBackendAsync(ParseResult parse)
{
    try
    {
        return new SqliteBackend(parse.GetValue(dataDirOption)!);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                  or Microsoft.Data.Sqlite.SqliteException)
    {
        await Console.Error.WriteLineAsync($"irispgwire: data directory \"{parse.GetValue(dataDirOption)}\" is unusable: {e.Message}");
        return null;
    }
}

// An upstream that cannot be reached at start-up stops the server with one line (its reason stays in the
// log, which may name the host); once running, an upstream that goes away fails only the statements that need it.
async Task<IBackend?> CreatePostgresBackendAsync(ParseResult parse, ILoggerFactory loggerFactory)
{
    var upstream = parse.GetValue(upstreamOption);
    if (string.IsNullOrWhiteSpace(upstream))
    {
        await Console.Error.WriteLineAsync("irispgwire: --backend postgres needs --upstream \"Host=...;Port=...;Username=...;Database=...\"");
        return null;
    }
    PostgresDialect dialect;
    try
    {
        dialect = new PostgresDialect(upstream);
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync($"irispgwire: --upstream is not a valid connection string: {e.Message}");
        return null;
    }
    var backend = new RemoteBackend(dialect, RemoteOptions(parse), loggerFactory.CreateLogger("IrisPgWire.Backends.Postgres"));
    try
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await backend.CheckConnectionAsync(timeout.Token);
        return backend;
    }
    catch (Exception e) when (e is PgErrorException or OperationCanceledException)
    {
        await backend.DisposeAsync();
        await Console.Error.WriteLineAsync($"irispgwire: the upstream PostgreSQL cannot be reached ({(e.InnerException ?? e).Message}); check --upstream and that the server is running");
        return null;
    }
}

RemoteBackendOptions RemoteOptions(ParseResult parse) => new()
{
    PoolSize = Math.Max(1, parse.GetValue(poolSizeOption)),
    AcquireTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(poolTimeoutOption))),
};

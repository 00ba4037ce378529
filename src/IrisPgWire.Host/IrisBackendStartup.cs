using System.CommandLine;
using IrisPgWire.Backends;
using IrisPgWire.Backends.Iris;
using IrisPgWire.Backends.Remote;
using IrisPgWire.Errors;
using Microsoft.Extensions.Logging;

namespace IrisPgWire.Host;

/// <summary>
/// <c>--backend iris</c>: loads the provider, builds the remote backend with the IRIS dialect and checks one
/// connection, so a missing provider or an unreachable instance stops the server at once with one line on stderr.
/// </summary>
internal static class IrisBackendStartup
{
    /// <summary>The backend, or null after writing why it cannot start (the caller exits with <see cref="IrisProbeCommand.ProviderMissing"/>).</summary>
    public static async Task<IBackend?> CreateAsync(IrisOptions options, ParseResult parse, RemoteBackendOptions remote, ILoggerFactory loggerFactory)
    {
        IrisSettings settings;
        IrisProvider provider;
        try
        {
            settings = options.Read(parse);
            provider = IrisProvider.Load(IrisProviderSearch.FromEnvironment(settings.ClientAssembly));
        }
        catch (Exception e) when (e is IrisProviderException or ArgumentException)
        {
            await Console.Error.WriteLineAsync("irispgwire: " + e.Message);
            return null;
        }
        var logger = loggerFactory.CreateLogger("IrisPgWire.Backends.Iris");
        provider.LogLoaded(logger);
        var backend = new RemoteBackend(new IrisDialect(provider.Factory, settings, logger), remote, loggerFactory.CreateLogger<RemoteBackend>());
        try
        {
            await backend.CheckConnectionAsync(CancellationToken.None);
            return backend;
        }
        catch (PgErrorException e)
        {
            await Console.Error.WriteLineAsync($"irispgwire: could not connect to IRIS ({settings.Redacted}): {IrisErrorMapper.Sanitize(e.Message)}");
            await backend.DisposeAsync();
            return null;
        }
    }
}

using System.CommandLine;
using IrisPgWire.Backends.Iris;

namespace IrisPgWire.Host;

/// <summary>
/// <c>irispgwire iris-probe --iris-connection ... [--iris-client-assembly ...] [--rows N]</c>: loads the provider,
/// runs <see cref="IrisProbe"/> and prints its report. Exit codes: 0 the instance can be used, 1 it cannot (or
/// the options are wrong), 2 the provider is missing.
/// </summary>
internal static class IrisProbeCommand
{
    public const int ProviderMissing = 2;

    public static Command Create()
    {
        var options = new IrisOptions();
        var rows = new Option<int>("--rows") { Description = "Rows in each timed load", DefaultValueFactory = _ => 20_000 };
        var command = new Command("iris-probe", "Check an IRIS instance once: provider, version, the statements it accepts, a timed load per insert strategy, the setting to use");
        options.AddTo(command, withInsertSettings: false);
        command.Options.Add(rows);
        options.Connection.Required = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = options.Read(parse);
            IrisProvider provider;
            try
            {
                provider = IrisProvider.Load(IrisProviderSearch.FromEnvironment(settings.ClientAssembly));
            }
            catch (IrisProviderException e)
            {
                await Console.Error.WriteLineAsync("irispgwire: " + e.Message);
                return ProviderMissing;
            }
            await Console.Out.WriteLineAsync($"probing {settings.Redacted}");
            var probe = new IrisProbe(provider.Factory, settings.ConnectionString) { Rows = Math.Max(1, parse.GetValue(rows)) };
            var report = await probe.RunAsync(Describe(provider), cancellationToken);
            await Console.Out.WriteAsync(IrisProbeText.Format(report));
            return report.Usable ? 0 : 1;
        });
        return command;
    }

    internal static string Describe(IrisProvider provider) =>
        $"InterSystems.Data.IRISClient {provider.Version} from {provider.Location.Source} ({provider.Location.AssemblyPath}), connections from {provider.FactoryType}";
}

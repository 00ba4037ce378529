using System.CommandLine;
using IrisPgWire.Backends.Iris;

namespace IrisPgWire.Host;

/// <summary>The command-line options of the IRIS backend, shared by the server and <c>iris-probe</c>.</summary>
internal sealed class IrisOptions
{
    public Option<string> Connection { get; } = new("--iris-connection")
    {
        Description = "IRIS ADO.NET connection string: \"Server=host;Port=1972;Namespace=USER;User ID=...;Password=...\" (never logged with its password)",
    };

    public Option<string> ClientAssembly { get; } = new("--iris-client-assembly")
    {
        Description = "Path of InterSystems.Data.IRISClient.dll, or a folder holding it; default: the NuGet global packages folder, then an IRIS install's dev/dotnet/bin",
    };

    public Option<string> InsertStrategy { get; } = new("--iris-insert-strategy")
    {
        Description = "How COPY FROM sends rows: single-row, union-all or json-table (IRIS 2024.1+); iris-probe says which is fastest",
        DefaultValueFactory = _ => "single-row",
    };

    public Option<string> InsertHints { get; } = new("--iris-insert-hints")
    {
        Description = "IRIS INSERT hints, comma-separated: nocheck, noindex, nojourn, nolock, notrigger (each gives something up; see README); default none",
        DefaultValueFactory = _ => "none",
    };

    public IrisOptions()
    {
        InsertStrategy.AcceptOnlyFromAmong("single-row", "union-all", "json-table");
        InsertHints.Validators.Add(result =>
        {
            try
            {
                IrisHintText.Parse(result.GetValueOrDefault<string>());
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
            }
        });
        Connection.Validators.Add(result =>
        {
            try
            {
                IrisConnectionString.Validate(result.GetValueOrDefault<string>() ?? "");
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
            }
        });
    }

    /// <summary>Adds the options to a command (the server's root command, or iris-probe).</summary>
    public void AddTo(Command command, bool withInsertSettings)
    {
        command.Options.Add(Connection);
        command.Options.Add(ClientAssembly);
        if (withInsertSettings)
        {
            command.Options.Add(InsertStrategy);
            command.Options.Add(InsertHints);
        }
    }

    /// <summary>The settings a parse gave; throws <see cref="ArgumentException"/> when --iris-connection is missing.</summary>
    public IrisSettings Read(ParseResult parse)
    {
        var connection = parse.GetValue(Connection);
        if (string.IsNullOrWhiteSpace(connection))
            throw new ArgumentException("--backend iris needs --iris-connection \"Server=...;Port=1972;Namespace=USER;User ID=...;Password=...\"");
        IrisProbeText.TryParseStrategy(parse.GetValue(InsertStrategy) ?? "single-row", out var strategy);
        return new IrisSettings(connection, parse.GetValue(ClientAssembly), strategy, IrisHintText.Parse(parse.GetValue(InsertHints)));
    }
}

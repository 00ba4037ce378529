using System.Globalization;
using System.Runtime.CompilerServices;
using IrisPgWire.Backends;
using IrisPgWire.Catalog;

namespace IrisPgWire.Tests.Unit.Catalog;

/// <summary>
/// Reads the query texts captured on the wire from real clients (Captured/*.sql: Npgsql 10.0.3,
/// psycopg 3.1.7, pgjdbc 42.5.5) and PostgreSQL 15.18's answers to them (Captured/*.expected.tsv:
/// a "# name:typeoid ..." header, then "> arguments" blocks each followed by the rows in text format,
/// or "! SQLSTATE message").
/// </summary>
internal static class CapturedQueries
{
    public static string Directory([CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "Captured");

    public static string Sql(string name) => File.ReadAllText(Path.Combine(Directory(), name + ".sql"));

    public static Expected Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory(), name + ".expected.tsv"));
        var columns = lines[0][2..].Split('\t').Select(c =>
        {
            var colon = c.LastIndexOf(':');
            return (c[..colon], uint.Parse(c[(colon + 1)..], CultureInfo.InvariantCulture));
        }).ToList();
        var cases = new List<ExpectedCase>();
        ExpectedCase? current = null;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                current = new ExpectedCase(line[2..].Split('|'), [], null);
                cases.Add(current);
            }
            else if (line.StartsWith("! ", StringComparison.Ordinal))
            {
                cases[^1] = current = current! with { Error = line[2..] };
            }
            else if (current is not null)
            {
                current.Rows.Add(line);
            }
            else
            {
                cases.Add(current = new ExpectedCase([], [line], null));
            }
        }
        return new Expected(columns, cases);
    }

    /// <summary>Runs the statement and prints its rows as psql -A would, tab-separated, NULL as \N.</summary>
    public static (IReadOnlyList<(string Name, uint TypeOid)> Columns, List<string> Rows)? Run(string sql,
        IReadOnlyList<QueryParameter> parameters)
    {
        if (!CatalogQueries.TryExecute(sql, parameters, new FakeSessionContext(), out var result))
            return null;
        var columns = result.Columns!.Select(c => (c.Name, c.Type.Oid)).ToList();
        var rows = new List<string>();
        while (result.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            rows.Add(string.Join('\t', Enumerable.Range(0, columns.Count).Select(i => Text(result.GetValue(i)))));
        return (columns, rows);
    }

    /// <summary>The text output of a canonical value (IPgCodec remarks) of the types catalogue answers use.</summary>
    public static string Text(object? value) => value switch
    {
        null => "\\N",
        bool b => b ? "t" : "f",
        string s => s,
        uint or int or short or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new InvalidOperationException($"not a canonical catalogue value: {value.GetType()}"),
    };

    public sealed record Expected(IReadOnlyList<(string Name, uint TypeOid)> Columns, List<ExpectedCase> Cases);

    public sealed record ExpectedCase(string[] Arguments, List<string> Rows, string? Error);
}

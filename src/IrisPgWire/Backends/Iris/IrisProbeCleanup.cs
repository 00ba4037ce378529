namespace IrisPgWire.Backends.Iris;

/// <summary>
/// What a probe created, undone in reverse order of creation (a table created later may depend on one created
/// earlier), each step tried even when an earlier one fails, so one stubborn object does not leave the rest.
/// </summary>
public sealed class IrisProbeCleanup
{
    private readonly List<(string Name, string Statement)> _created = [];

    /// <summary>Records an object and the statement that removes it, once its creation has succeeded.</summary>
    public void Created(string name, string dropStatement) => _created.Add((name, dropStatement));

    public int Count => _created.Count;

    /// <summary>
    /// Runs the drop statements, newest first, through <paramref name="execute"/>; names go to
    /// <see cref="IrisProbeReport.Dropped"/>, failures (with the error) to <see cref="IrisProbeReport.LeftBehind"/>.
    /// </summary>
    public async Task RunAsync(Func<string, Task> execute, IrisProbeReport report)
    {
        for (var i = _created.Count - 1; i >= 0; i--)
        {
            var (name, statement) = _created[i];
            try
            {
                await execute(statement).ConfigureAwait(false);
                report.Dropped.Add(name);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                report.LeftBehind.Add(name + " (" + IrisErrorMapper.Sanitize(e.Message) + ")");
            }
        }
        _created.Clear();
    }
}

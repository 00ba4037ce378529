using IrisPgWire.Backends.Iris;

namespace IrisPgWire.Tests.Unit.Iris;

/// <summary>The probe's pure parts: the recommendation rule, the report text, cleanup order, and the setting names.</summary>
public class IrisProbeTextTests
{
    private static IrisProbeLoad Load(IrisInsertStrategy s, double rowsPerSecond) => new(s, 10_000, 10_000 / rowsPerSecond);

    [Fact]
    public void The_fastest_strategy_is_recommended()
    {
        var r = IrisProbeAdvisor.Recommend([Load(IrisInsertStrategy.SingleRow, 1_000), Load(IrisInsertStrategy.UnionAll, 8_000), Load(IrisInsertStrategy.JsonTable, 20_000)]);
        Assert.Equal(IrisInsertStrategy.JsonTable, r!.Strategy);
    }

    [Fact]
    public void A_more_widely_usable_strategy_within_ten_percent_of_the_fastest_wins()
    {
        var r = IrisProbeAdvisor.Recommend([Load(IrisInsertStrategy.SingleRow, 1_000), Load(IrisInsertStrategy.UnionAll, 9_500), Load(IrisInsertStrategy.JsonTable, 10_000)]);
        Assert.Equal(IrisInsertStrategy.UnionAll, r!.Strategy);
        Assert.Contains("json-table", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_loads_are_never_recommended_and_none_at_all_gives_no_recommendation()
    {
        var failed = new IrisProbeLoad(IrisInsertStrategy.JsonTable, 0, 0, "SQLCODE -1");
        Assert.Equal(IrisInsertStrategy.SingleRow, IrisProbeAdvisor.Recommend([Load(IrisInsertStrategy.SingleRow, 500), failed])!.Strategy);
        Assert.Null(IrisProbeAdvisor.Recommend([failed]));
    }

    [Fact]
    public void The_report_lists_checks_loads_the_recommendation_and_what_was_left_behind()
    {
        var report = new IrisProbeReport { Provider = "InterSystems.Data.IRISClient 2.6.1", ServerVersion = "IRIS for UNIX 2024.1 (Build 267U)" };
        report.Checks.Add(new IrisProbeCheck(IrisProbe.SingleRowCheck, true));
        report.Checks.Add(new IrisProbeCheck(IrisProbe.JsonTableCheck, false, "SQLCODE -359\nfunction not found"));
        report.Loads.Add(new IrisProbeLoad(IrisInsertStrategy.SingleRow, 20_000, 4.0));
        report.Recommendation = IrisProbeAdvisor.Recommend(report.Loads);
        report.Dropped.Add("SQLUser.irispgwire_probe_1");
        report.LeftBehind.Add("SQLUser.irispgwire_probe_2 (locked)");
        var lines = IrisProbeText.Format(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("server:    IRIS for UNIX 2024.1 (Build 267U)", lines[1]);
        Assert.Contains("  yes  " + IrisProbe.SingleRowCheck, lines);
        Assert.Contains("  no   " + IrisProbe.JsonTableCheck + ": SQLCODE -359 function not found", lines);
        Assert.Contains("  single-row     20000 rows    4.000 s       5000 rows/s", lines);
        Assert.Contains("recommended: --iris-insert-strategy single-row (the only strategy that loaded)", lines);
        Assert.Contains("NOT cleaned up, drop it by hand: SQLUser.irispgwire_probe_2 (locked)", lines);
        Assert.True(report.Usable);
    }

    [Fact]
    public async Task Cleanup_drops_newest_first_and_keeps_going_past_a_failure()
    {
        var cleanup = new IrisProbeCleanup();
        cleanup.Created("a", "DROP a");
        cleanup.Created("b", "DROP b");
        cleanup.Created("c", "DROP c");
        var ran = new List<string>();
        var report = new IrisProbeReport();
        await cleanup.RunAsync(sql =>
        {
            ran.Add(sql);
            return sql == "DROP b" ? throw new InvalidOperationException("Server=secret;Port=1972; busy") : Task.CompletedTask;
        }, report);
        Assert.Equal(["DROP c", "DROP b", "DROP a"], ran);
        Assert.Equal(["c", "a"], report.Dropped);
        var left = Assert.Single(report.LeftBehind);
        Assert.StartsWith("b (", left, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", left, StringComparison.Ordinal);
        Assert.Equal(0, cleanup.Count);
    }

    [Theory]
    [InlineData("nolock", IrisInsertHints.NoLock)]
    [InlineData("%NOLOCK, nojourn", IrisInsertHints.NoLock | IrisInsertHints.NoJournal)]
    [InlineData("none", IrisInsertHints.None)]
    [InlineData("", IrisInsertHints.None)]
    [InlineData("NoCheck,NoIndex,NoTrigger", IrisInsertHints.NoCheck | IrisInsertHints.NoIndex | IrisInsertHints.NoTrigger)]
    public void Hint_settings_are_read_in_any_case_with_or_without_the_percent_sign(string text, IrisInsertHints expected) =>
        Assert.Equal(expected, IrisHintText.Parse(text));

    [Fact]
    public void An_unknown_hint_is_refused_naming_it() =>
        Assert.Contains("\"nofplan\"", Assert.Throws<FormatException>(() => IrisHintText.Parse("nolock,nofplan")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("single-row", IrisInsertStrategy.SingleRow)]
    [InlineData("UNION-ALL", IrisInsertStrategy.UnionAll)]
    [InlineData("json-table", IrisInsertStrategy.JsonTable)]
    public void Strategy_names_read_back(string text, IrisInsertStrategy expected)
    {
        Assert.True(IrisProbeText.TryParseStrategy(text, out var s));
        Assert.Equal(expected, s);
        Assert.Equal(text.ToLowerInvariant(), IrisProbeText.StrategyName(s));
    }
}

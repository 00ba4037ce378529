namespace IrisPgWire.Backends.Iris;

/// <summary><see cref="IrisInsertHints"/> as the INSERT keywords and the names the <c>--iris-insert-hints</c> setting takes.</summary>
public static class IrisHintText
{
    /// <summary>Every hint with its keyword, in the order of the INSERT synopsis (RSQL_insert).</summary>
    internal static readonly (IrisInsertHints Hint, string Keyword)[] All =
    [
        (IrisInsertHints.NoCheck, "%NOCHECK"),
        (IrisInsertHints.NoIndex, "%NOINDEX"),
        (IrisInsertHints.NoJournal, "%NOJOURN"),
        (IrisInsertHints.NoLock, "%NOLOCK"),
        (IrisInsertHints.NoTrigger, "%NOTRIGGER"),
    ];

    /// <summary>The INSERT keyword of one hint (<c>%NOLOCK</c>).</summary>
    public static string Keyword(IrisInsertHints hint) =>
        All.FirstOrDefault(x => x.Hint == hint).Keyword ?? throw new ArgumentOutOfRangeException(nameof(hint));

    /// <summary>
    /// Reads a comma-separated list of hints, with or without the percent sign and in any letter case
    /// (<c>nolock,%NOJOURN</c>); <c>none</c> or an empty text is no hint. Throws <see cref="FormatException"/> naming
    /// what it does not know.
    /// </summary>
    public static IrisInsertHints Parse(string? text)
    {
        var hints = IrisInsertHints.None;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
            return hints;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var word = part.TrimStart('%');
            var match = All.FirstOrDefault(x => string.Equals(x.Keyword[1..], word, StringComparison.OrdinalIgnoreCase));
            if (match.Keyword is null)
                throw new FormatException($"unknown IRIS insert hint \"{part}\"; known: {string.Join(", ", All.Select(x => x.Keyword[1..].ToLowerInvariant()))}");
            hints |= match.Hint;
        }
        return hints;
    }
}

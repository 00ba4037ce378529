namespace IrisPgWire.Backends.Iris;

/// <summary>
/// A NuGet package version as a global packages folder names it (<c>2.6.1</c>, <c>2.7.0-beta1</c>), ordered as
/// NuGet orders versions: by the numbers, and a pre-release below the release with the same numbers.
/// </summary>
internal sealed record PackageVersion(Version Numbers, string PreRelease) : IComparable<PackageVersion>
{
    public static PackageVersion? TryParse(string text)
    {
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
            text = text[..plus];
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var numbers = dash >= 0 ? text[..dash] : text;
        if (!numbers.Contains('.', StringComparison.Ordinal))
            numbers += ".0";
        return Version.TryParse(numbers, out var v) && !numbers.Contains(' ', StringComparison.Ordinal)
            ? new PackageVersion(v, dash >= 0 ? text[(dash + 1)..] : "")
            : null;
    }

    public int CompareTo(PackageVersion? other)
    {
        if (other is null)
            return 1;
        var c = Numbers.CompareTo(other.Numbers);
        if (c != 0)
            return c;
        if (PreRelease.Length == 0 || other.PreRelease.Length == 0)
            return (PreRelease.Length == 0).CompareTo(other.PreRelease.Length == 0);
        return string.Compare(PreRelease, other.PreRelease, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() =>
        PreRelease.Length == 0 ? Numbers.ToString() : Numbers.ToString() + "-" + PreRelease;
}

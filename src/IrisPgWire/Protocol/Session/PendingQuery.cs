namespace IrisPgWire.Protocol.Session;

/// <summary>A simple query being run statement by statement; kept across a COPY FROM STDIN inside it.</summary>
internal sealed record PendingQuery(string Sql, IReadOnlyList<string> Statements, bool ImplicitBlock)
{
    public int Next { get; set; }

    /// <summary>Where the current statement starts in <see cref="Sql"/>.</summary>
    public int Offset { get; set; }
}

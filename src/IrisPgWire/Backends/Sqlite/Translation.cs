namespace IrisPgWire.Backends.Sqlite;

/// <summary>What a statement becomes on SQLite.</summary>
internal enum TranslationKind
{
    /// <summary>Run <see cref="Translation.Sql"/>; rows when <see cref="Translation.ReturnsRows"/>.</summary>
    Run,
    CreateTable,
    DropTable,
    Truncate,
}

/// <summary>
/// A translated statement: SQLite text with ?n parameters, the tag verb, and for row-returning
/// statements the hints about each result column.
/// </summary>
internal sealed record Translation(TranslationKind Kind, string Sql, string TagVerb, bool ReturnsRows, int ParameterCount)
{
    public IReadOnlyList<ResultHint>? Hints { get; init; }

    /// <summary>Tables named by DROP TABLE / TRUNCATE; the definition for CREATE TABLE.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    public bool IfExists { get; init; }
    public IReadOnlyList<ColumnDefinition>? CreatedColumns { get; init; }

    /// <summary>The PostgreSQL type expected at each ?n, where the statement makes it clear (inserted column, compared column).</summary>
    public IReadOnlyDictionary<int, Types.PgTypeRef> ParameterTypes { get; init; } = new Dictionary<int, Types.PgTypeRef>();
}

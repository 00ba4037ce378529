namespace IrisPgWire.Backends.Iris;

/// <summary>
/// What a CREATE TABLE says beyond column types and NOT NULL: the primary key, UNIQUE column sets and column
/// defaults (as IRIS literal text), with the constraint names PostgreSQL would give (t_pkey, t_a_key).
/// </summary>
public sealed record IrisTableConstraints(
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<IReadOnlyList<string>> Unique,
    IReadOnlyDictionary<string, string> Defaults)
{
    public static readonly IrisTableConstraints None = new([], [], new Dictionary<string, string>());
}

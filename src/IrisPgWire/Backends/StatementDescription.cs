using IrisPgWire.Types;

namespace IrisPgWire.Backends;

/// <summary>What Describe reports of a statement: parameter types and result columns (null: no rows).</summary>
public sealed record StatementDescription(IReadOnlyList<PgType> ParameterTypes, IReadOnlyList<ResultColumn>? Columns);

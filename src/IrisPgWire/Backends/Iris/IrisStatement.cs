namespace IrisPgWire.Backends.Iris;

/// <summary>What a PostgreSQL statement becomes for IRIS (see <see cref="IrisSqlTranslator"/>).</summary>
public enum IrisStatementKind
{
    /// <summary>Sent as <see cref="IrisStatement.Sql"/> with the parameters in <see cref="IrisStatement.ParameterOrder"/>.</summary>
    Plain,

    /// <summary>CREATE TABLE IF NOT EXISTS: sent only when the table is not there.</summary>
    CreateTableIfNotExists,

    /// <summary>DROP TABLE IF EXISTS: sent only when the table is there.</summary>
    DropTableIfExists,
}

/// <summary>
/// One translated statement: IRIS SQL with <c>?</c> markers, and for each marker the (0-based) index of the
/// PostgreSQL $n parameter it takes, since IRIS parameters are positional and $n may repeat or come out of order.
/// </summary>
public sealed record IrisStatement(IrisStatementKind Kind, string Sql, int[] ParameterOrder)
{
    /// <summary>For the conditional kinds: the table whose existence decides (PostgreSQL schema, name).</summary>
    public (string Schema, string Name)? Table { get; init; }
}

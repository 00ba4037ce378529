namespace IrisPgWire.Backends.Iris;

/// <summary>How a batch of rows is sent to IRIS; see <see cref="IrisInsertWriter"/> for the statements.</summary>
public enum IrisInsertStrategy
{
    /// <summary>
    /// One prepared single-row <c>INSERT ... VALUES (?, ...)</c> executed once per row. Works on every IRIS
    /// version; IRIS SQL has no multi-row VALUES list and the ADO.NET provider documents no batch API.
    /// </summary>
    SingleRow,

    /// <summary><c>INSERT ... SELECT ?, ? UNION ALL SELECT ?, ? ...</c>: one statement per batch of rows.</summary>
    UnionAll,

    /// <summary>
    /// <c>INSERT ... SELECT ... FROM JSON_TABLE(?, '$' COLUMNS (...))</c> fed one JSON array per batch
    /// (JSON_TABLE exists from IRIS 2024.1).
    /// </summary>
    JsonTable,
}

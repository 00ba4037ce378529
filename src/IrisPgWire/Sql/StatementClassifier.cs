namespace IrisPgWire.Sql;

/// <summary>Decides a statement's <see cref="StatementKind"/> from its leading keywords.</summary>
public static class StatementClassifier
{
    /// <summary>Classifies one statement (as <see cref="SqlSplitter.Split"/> returns them). Throws 42601 for malformed transaction or SET syntax.</summary>
    public static ClassifiedStatement Classify(string statement) => throw new NotImplementedException();
}

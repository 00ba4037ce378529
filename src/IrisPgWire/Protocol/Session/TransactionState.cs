namespace IrisPgWire.Protocol.Session;

/// <summary>Where the session is with respect to transactions (PostgreSQL's xact.c block states, simplified).</summary>
internal enum TransactionState
{
    /// <summary>No transaction: each statement commits on its own.</summary>
    None,

    /// <summary>An implicit transaction around a multi-statement Query or an extended-protocol batch up to Sync.</summary>
    Implicit,

    /// <summary>Inside BEGIN ... COMMIT.</summary>
    Block,

    /// <summary>Inside a block after an error: everything but ROLLBACK is refused with 25P02.</summary>
    Failed,
}

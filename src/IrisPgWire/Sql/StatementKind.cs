namespace IrisPgWire.Sql;

/// <summary>
/// What the session must do with a statement. Transaction control and settings are the session's;
/// <see cref="Query"/> goes to the backend; <see cref="Copy"/> to the COPY machinery.
/// </summary>
public enum StatementKind
{
    /// <summary>Only whitespace or comments.</summary>
    Empty,

    /// <summary>BEGIN, BEGIN WORK/TRANSACTION, START TRANSACTION (with any transaction modes).</summary>
    Begin,

    /// <summary>COMMIT, COMMIT WORK/TRANSACTION, END.</summary>
    Commit,

    /// <summary>ROLLBACK, ABORT (but not ROLLBACK TO).</summary>
    Rollback,

    /// <summary>SAVEPOINT name.</summary>
    Savepoint,

    /// <summary>RELEASE [SAVEPOINT] name.</summary>
    ReleaseSavepoint,

    /// <summary>ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] name.</summary>
    RollbackToSavepoint,

    /// <summary>SET [SESSION|LOCAL] name {TO|=} value, SET TIME ZONE, SET NAMES; SET TRANSACTION ... and SET SESSION CHARACTERISTICS are <see cref="SetTransaction"/>.</summary>
    Set,

    /// <summary>SET TRANSACTION ..., SET SESSION CHARACTERISTICS AS TRANSACTION ...: accepted, no effect here.</summary>
    SetTransaction,

    /// <summary>SHOW name, SHOW ALL, SHOW TIME ZONE.</summary>
    Show,

    /// <summary>RESET name, RESET ALL.</summary>
    Reset,

    /// <summary>DISCARD ALL | PLANS | SEQUENCES | TEMP.</summary>
    Discard,

    /// <summary>DEALLOCATE [PREPARE] name | ALL.</summary>
    Deallocate,

    /// <summary>COPY ...</summary>
    Copy,

    /// <summary>Anything else: run by the backend.</summary>
    Query,
}

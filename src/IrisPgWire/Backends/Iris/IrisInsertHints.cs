namespace IrisPgWire.Backends.Iris;

/// <summary>
/// The <c>%keyword</c> options of IRIS's INSERT (InterSystems SQL Reference, "INSERT", RSQL_insert). Each
/// makes loading faster by giving something up; none is on by default. They are written in the order the
/// INSERT synopsis lists them: %NOCHECK, %NOINDEX, %NOJOURN, %NOLOCK, %NOTRIGGER.
/// </summary>
[Flags]
public enum IrisInsertHints
{
    None = 0,

    /// <summary>
    /// %NOCHECK: no unique-value checking and no foreign key referential integrity checking, and no
    /// validation of data type, maximum length or data constraints. Gives up: duplicate keys, dangling
    /// references and values that do not fit the column can be stored without an error.
    /// </summary>
    NoCheck = 1,

    /// <summary>
    /// %NOINDEX: index maps are not set during the insert. Gives up: the table's indices do not contain
    /// the new rows until they are rebuilt (BUILD INDEX), so queries that use them give wrong answers.
    /// </summary>
    NoIndex = 2,

    /// <summary>
    /// %NOJOURN: journaling is suppressed for the statement. Gives up: the rows are not in the journal,
    /// so a ROLLBACK does not undo them (an atomic COPY is no longer atomic), and they are not recovered
    /// after a crash or sent to mirror members.
    /// </summary>
    NoJournal = 4,

    /// <summary>
    /// %NOLOCK: the inserted rows are not locked. Gives up: protection against concurrent access; safe
    /// only when nothing else uses the table during the load.
    /// </summary>
    NoLock = 8,

    /// <summary>
    /// %NOTRIGGER: the table's triggers are not pulled (needs the %NOTRIGGER administrative privilege).
    /// Gives up: whatever the triggers maintain (audit rows, derived values) is not done for these rows.
    /// </summary>
    NoTrigger = 16,
}

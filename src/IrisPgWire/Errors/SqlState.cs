namespace IrisPgWire.Errors;

/// <summary>
/// SQLSTATE codes, named as Npgsql's PostgresErrorCodes names them (PostgreSQL manual, Appendix A).
/// This is the only place a SQLSTATE literal may appear.
/// </summary>
public static class SqlState
{
    public const string SuccessfulCompletion = "00000";
    public const string Warning = "01000";
    public const string NoData = "02000";

    public const string ConnectionException = "08000";
    public const string SqlClientUnableToEstablishSqlConnection = "08001";
    public const string ConnectionFailure = "08006";
    public const string ProtocolViolation = "08P01";

    public const string FeatureNotSupported = "0A000";
    public const string InvalidTransactionInitiation = "0B000";
    public const string InvalidAuthorizationSpecification = "28000";
    public const string InvalidPassword = "28P01";

    public const string CardinalityViolation = "21000";

    public const string DataException = "22000";
    public const string StringDataRightTruncation = "22001";
    public const string NullValueNoIndicatorParameter = "22002";
    public const string NumericValueOutOfRange = "22003";
    public const string NullValueNotAllowed = "22004";
    public const string InvalidDatetimeFormat = "22007";
    public const string DatetimeFieldOverflow = "22008";
    public const string InvalidTimeZoneDisplacementValue = "22009";
    public const string CharacterNotInRepertoire = "22021";
    public const string IndicatorOverflow = "22022";
    public const string InvalidParameterValue = "22023";
    public const string DivisionByZero = "22012";
    public const string IntervalFieldOverflow = "22015";
    public const string InvalidEscapeCharacter = "22019";
    public const string InvalidEscapeSequence = "22025";
    public const string UntranslatableCharacter = "22P05";
    public const string InvalidTextRepresentation = "22P02";
    public const string InvalidBinaryRepresentation = "22P03";
    public const string BadCopyFileFormat = "22P04";
    public const string NonstandardUseOfEscapeCharacter = "22P06";
    public const string InvalidJsonText = "22032";

    public const string IntegrityConstraintViolation = "23000";
    public const string RestrictViolation = "23001";
    public const string NotNullViolation = "23502";
    public const string ForeignKeyViolation = "23503";
    public const string UniqueViolation = "23505";
    public const string CheckViolation = "23514";

    public const string InvalidCursorState = "24000";
    public const string InvalidTransactionState = "25000";
    public const string ActiveSqlTransaction = "25001";
    public const string NoActiveSqlTransaction = "25P01";
    public const string InFailedSqlTransaction = "25P02";
    public const string ReadOnlySqlTransaction = "25006";

    public const string InvalidSqlStatementName = "26000";
    public const string InvalidCursorName = "34000";
    public const string InvalidSavepointSpecification = "3B001";
    public const string InvalidCatalogName = "3D000";
    public const string InvalidSchemaName = "3F000";

    public const string SerializationFailure = "40001";
    public const string DeadlockDetected = "40P01";

    public const string SyntaxErrorOrAccessRuleViolation = "42000";
    public const string SyntaxError = "42601";
    public const string InsufficientPrivilege = "42501";
    public const string CannotCoerce = "42846";
    public const string GroupingError = "42803";
    public const string InvalidForeignKey = "42830";
    public const string InvalidName = "42602";
    public const string NameTooLong = "42622";
    public const string ReservedName = "42939";
    public const string DatatypeMismatch = "42804";
    public const string WrongObjectType = "42809";
    public const string UndefinedColumn = "42703";
    public const string UndefinedFunction = "42883";
    public const string UndefinedTable = "42P01";
    public const string UndefinedParameter = "42P02";
    public const string UndefinedObject = "42704";
    public const string DuplicateColumn = "42701";
    public const string DuplicateCursor = "42P03";
    public const string DuplicateDatabase = "42P04";
    public const string DuplicatePreparedStatement = "42P05";
    public const string DuplicateSchema = "42P06";
    public const string DuplicateTable = "42P07";
    public const string DuplicateObject = "42710";
    public const string AmbiguousColumn = "42702";
    public const string AmbiguousFunction = "42725";
    public const string InvalidColumnReference = "42P10";
    public const string InvalidColumnDefinition = "42611";
    public const string InvalidTableDefinition = "42P16";
    public const string IndeterminateDatatype = "42P18";

    public const string InsufficientResources = "53000";
    public const string DiskFull = "53100";
    public const string OutOfMemory = "53200";
    public const string TooManyConnections = "53300";
    public const string ProgramLimitExceeded = "54000";

    public const string ObjectNotInPrerequisiteState = "55000";
    public const string ObjectInUse = "55006";
    public const string LockNotAvailable = "55P03";
    public const string CantChangeRuntimeParam = "55P02";

    public const string OperatorIntervention = "57000";
    public const string QueryCanceled = "57014";
    public const string AdminShutdown = "57P01";
    public const string CrashShutdown = "57P02";
    public const string CannotConnectNow = "57P03";

    public const string SystemError = "58000";
    public const string IoError = "58030";
    public const string ConfigFileError = "F0000";
    public const string InternalError = "XX000";
    public const string DataCorrupted = "XX001";
}

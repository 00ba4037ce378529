using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using IrisPgWire.Errors;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// IRIS SQL errors (SQLCODE and message) as PostgreSQL errors with the SQLSTATE a PostgreSQL client
/// expects for the same condition. The IRIS text goes to DETAIL with its SQLCODE; anything that looks like
/// connection details (server, port, user, password, namespace, addresses) is removed first.
/// </summary>
/// <remarks>
/// SQLCODE meanings from InterSystems IRIS Error Reference, "SQL Error Messages" (RERR_sql): JDBC and ODBC
/// clients see them as positive numbers, so <see cref="Map"/> treats 119 and -119 alike. SQLSTATEs from the
/// PostgreSQL manual, Appendix A.
/// </remarks>
public static partial class IrisErrorMapper
{
    private static readonly FrozenDictionary<int, string> States = new Dictionary<int, string>
    {
        // -1 invalid SQL statement, -2/-3 missing closing quote, -12 a term expected, -25 input after the
        // end of the query, -26 missing FROM, -51 SQL statement expected, -116 INSERT/UPDATE value count
        // does not match the column count (PostgreSQL: "INSERT has more expressions than target columns", 42601).
        [-1] = SqlState.SyntaxError, [-2] = SqlState.SyntaxError, [-3] = SqlState.SyntaxError,
        [-12] = SqlState.SyntaxError, [-25] = SqlState.SyntaxError, [-26] = SqlState.SyntaxError,
        [-51] = SqlState.SyntaxError, [-116] = SqlState.SyntaxError,
        // -27 field ambiguous among the applicable tables.
        [-27] = SqlState.AmbiguousColumn,
        // -29 field not found in the applicable tables; -30 table or view not found.
        [-29] = SqlState.UndefinedColumn,
        [-30] = SqlState.UndefinedTable,
        // -99 privilege violation, -112 access violation.
        [-99] = SqlState.InsufficientPrivilege, [-112] = SqlState.InsufficientPrivilege,
        // -104 field validation failed in INSERT (or DisplayToLogical/OdbcToLogical conversion failed),
        // -105 field validation failed in UPDATE: a value the column's type does not accept; refined below.
        [-104] = SqlState.InvalidTextRepresentation, [-105] = SqlState.InvalidTextRepresentation,
        // -108 required field missing; INSERT or UPDATE not allowed.
        [-108] = SqlState.NotNullViolation,
        // -110 locking conflict in filing; -114 one or more matching rows is locked by another user.
        [-110] = SqlState.LockNotAvailable, [-114] = SqlState.LockNotAvailable,
        // -115 cannot INSERT/UPDATE/DELETE on a read-only table.
        [-115] = SqlState.WrongObjectType,
        // -119/-120 UNIQUE or PRIMARY KEY constraint failed uniqueness check upon INSERT/UPDATE.
        [-119] = SqlState.UniqueViolation, [-120] = SqlState.UniqueViolation,
        // -121 .. -124 FOREIGN KEY constraint failed referential check.
        [-121] = SqlState.ForeignKeyViolation, [-122] = SqlState.ForeignKeyViolation,
        [-123] = SqlState.ForeignKeyViolation, [-124] = SqlState.ForeignKeyViolation,
        // -146/-147 unable to convert date/time input to a valid logical value.
        [-146] = SqlState.InvalidDatetimeFormat, [-147] = SqlState.InvalidDatetimeFormat,
        // -201 table or view name not unique (CREATE TABLE of an existing name).
        [-201] = SqlState.DuplicateTable,
        // -377 field appears more than once in the INSERT column list.
        [-377] = SqlState.DuplicateColumn,
    }.ToFrozenDictionary();

    /// <summary>
    /// The PostgreSQL error for an IRIS SQLCODE (either sign) and the provider's message. Unknown codes are
    /// XX000. The IRIS text, cleaned by <see cref="Sanitize"/>, and the SQLCODE are in DETAIL.
    /// </summary>
    public static PgErrorException Map(int sqlCode, string? message)
    {
        var code = sqlCode > 0 ? -sqlCode : sqlCode;
        var text = Sanitize(message ?? "");
        var irisText = IrisText(text);
        var state = States.TryGetValue(code, out var mapped) ? mapped : SqlState.InternalError;
        if (code is -104 or -105)
            state = RefineValidation(text);
        var detail = irisText.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"IRIS SQLCODE {code}")
            : string.Create(CultureInfo.InvariantCulture, $"IRIS SQLCODE {code}: {irisText}");
        string? constraint = null;
        string pgMessage;
        if (state == SqlState.UniqueViolation)
        {
            constraint = ConstraintName().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
            // PostgreSQL's wording (src/backend/access/nbtree/nbtinsert.c), so clients that match on it still do.
            pgMessage = constraint is null
                ? "duplicate key value violates unique constraint"
                : $"duplicate key value violates unique constraint \"{constraint}\"";
        }
        else
        {
            pgMessage = irisText.Length == 0 ? "IRIS reported an error" : irisText;
        }
        return new PgErrorException(state, pgMessage, detail) { ConstraintName = constraint };
    }

    /// <summary>
    /// Reads the SQLCODE from a provider message such as <c>[SQLCODE: &lt;-119&gt;:&lt;...&gt;]</c>,
    /// <c>SQLCODE=-30</c> or <c>SQLCODE -29</c>.
    /// </summary>
    public static bool TryParseSqlCode(string providerMessage, out int sqlCode)
    {
        var m = SqlCodeSyntax().Match(providerMessage);
        sqlCode = 0;
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sqlCode);
    }

    /// <summary>
    /// Removes connection details from a provider message: <c>key=value</c> pairs of connection-string keys
    /// (server, host, port, user id, uid, user, password, pwd, namespace, data source) and IPv4 or
    /// host:port addresses, each replaced by <c>[redacted]</c>.
    /// </summary>
    public static string Sanitize(string message)
    {
        var s = ConnectionKeyValue().Replace(message, "[redacted]");
        s = Address().Replace(s, "[redacted]");
        return s.Trim();
    }

    private static string RefineValidation(string text)
    {
        // IRIS names the failed datatype parameter in %msg: MAXLEN for a string too long, MAXVAL/MINVAL for
        // a number out of range; anything else is a value the type cannot read.
        if (text.Contains("MAXLEN", StringComparison.OrdinalIgnoreCase))
            return SqlState.StringDataRightTruncation;
        if (text.Contains("MAXVAL", StringComparison.OrdinalIgnoreCase) || text.Contains("MINVAL", StringComparison.OrdinalIgnoreCase))
            return SqlState.NumericValueOutOfRange;
        return SqlState.InvalidTextRepresentation;
    }

    /// <summary>The readable part of an IRIS message: the %msg text, else the SQLCODE text, else all of it.</summary>
    private static string IrisText(string text)
    {
        var msg = PercentMsg().Match(text);
        if (msg.Success)
            return msg.Groups[1].Value.Trim();
        var code = SqlCodeText().Match(text);
        if (code.Success)
            return code.Groups[1].Value.Trim();
        return text;
    }

    [GeneratedRegex(@"SQLCODE\s*[:=]?\s*<?\s*(-?\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlCodeSyntax();

    [GeneratedRegex(@"\[%msg:\s*<(.*?)>\]", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex PercentMsg();

    [GeneratedRegex(@"\[SQLCODE:\s*<-?\d+>:\s*<(.*?)>\]", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SqlCodeText();

    [GeneratedRegex(@"Constraint\s+'([^']+)'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConstraintName();

    [GeneratedRegex(@"\b(?:server|host|hostname|port|user\s*id|uid|user|username|password|pwd|namespace|data\s*source)\s*=\s*[^;\s\]>]*;?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionKeyValue();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|\b[A-Za-z][A-Za-z0-9.-]*:\d{2,5}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}

using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// How PostgreSQL names become InterSystems IRIS SQL identifiers: always delimited, schema "public"
/// mapped to IRIS's default schema SQLUser, and names IRIS cannot hold refused before any SQL is built.
/// </summary>
/// <remarks>
/// Rules from the InterSystems IRIS documentation:
/// <list type="bullet">
/// <item>"Delimited Identifiers" (GSQL_identifiers_delimitedids): double quotes delimit identifiers, a quote
/// inside is doubled, and <c>""</c> (empty) is an invalid delimited identifier (SQLCODE -1).</item>
/// <item>"Identifiers" (GSQL_identifiers): identifiers are not case-sensitive, delimited ones included, so
/// PostgreSQL's <c>"A"</c> and <c>"a"</c> name the same IRIS column.</item>
/// <item>"Identifiers and Class Entity Names" (GSQL_identifiers_class): table, field and index names become
/// class entity names by stripping punctuation, so a name with no letter or digit has no class name.</item>
/// <item>"DefaultSchema" (RCPF_DefaultSchema): the default schema is SQLUser, a name of at most 128
/// characters; this class applies that limit to every identifier.</item>
/// </list>
/// Always delimiting means reserved words and PostgreSQL's case-preserved names need no special case, and
/// nothing a client sends can end the identifier early.
/// </remarks>
public static class IrisIdentifiers
{
    /// <summary>IRIS's initial default schema (RCPF_DefaultSchema).</summary>
    public const string DefaultSchema = "SQLUser";

    /// <summary>PostgreSQL's default schema, which maps to <see cref="DefaultSchema"/>.</summary>
    public const string PostgresDefaultSchema = "public";

    /// <summary>The longest identifier accepted, in characters (RCPF_DefaultSchema gives 128 for schema names).</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// The delimited form of <paramref name="identifier"/>: <c>a"b</c> becomes <c>"a""b"</c>. Throws
    /// <see cref="PgErrorException"/> for a name IRIS cannot hold (see <see cref="Validate"/>).
    /// </summary>
    public static string Quote(string identifier)
    {
        Validate(identifier);
        var sb = new StringBuilder(identifier.Length + 2);
        AppendQuoted(sb, identifier);
        return sb.ToString();
    }

    /// <summary>Appends the delimited form of an already validated identifier.</summary>
    internal static void AppendQuoted(StringBuilder sb, string identifier)
    {
        sb.Append('"');
        foreach (var c in identifier)
        {
            if (c == '"')
                sb.Append('"');
            sb.Append(c);
        }
        sb.Append('"');
    }

    /// <summary><c>"schema"."table"</c> with the PostgreSQL schema mapped by <see cref="ToIrisSchema"/>.</summary>
    public static string QualifiedName(string postgresSchema, string table) =>
        Quote(ToIrisSchema(postgresSchema)) + "." + Quote(table);

    /// <summary>
    /// The IRIS schema for a PostgreSQL schema: <c>public</c> (and an empty schema) is SQLUser, any other
    /// name is kept as it is.
    /// </summary>
    public static string ToIrisSchema(string postgresSchema) =>
        postgresSchema.Length == 0 || postgresSchema == PostgresDefaultSchema ? DefaultSchema : postgresSchema;

    /// <summary>
    /// The PostgreSQL schema for an IRIS schema a reader reports: SQLUser in any letter case (IRIS names
    /// are not case-sensitive) is <c>public</c>.
    /// </summary>
    public static string ToPostgresSchema(string irisSchema) =>
        string.Equals(irisSchema, DefaultSchema, StringComparison.OrdinalIgnoreCase) ? PostgresDefaultSchema : irisSchema;

    /// <summary>Whether two names denote the same IRIS object: IRIS compares identifiers without letter case.</summary>
    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Throws <see cref="PgErrorException"/> when IRIS cannot hold <paramref name="identifier"/>:
    /// 42602 for an empty name, a name with a control character, or one without any letter or digit
    /// (no class entity name can be made from it); 42622 for a name longer than <see cref="MaxLength"/>.
    /// </summary>
    public static void Validate(string identifier)
    {
        if (identifier.Length == 0)
            throw new PgErrorException(SqlState.InvalidName, "zero-length identifier cannot be stored in IRIS");
        if (identifier.Length > MaxLength)
            throw new PgErrorException(SqlState.NameTooLong,
                $"identifier \"{Shorten(identifier)}\" is longer than the {MaxLength} characters IRIS allows");
        var hasAlphanumeric = false;
        foreach (var c in identifier)
        {
            if (char.IsControl(c))
                throw new PgErrorException(SqlState.InvalidName,
                    $"identifier \"{Printable(identifier)}\" contains a control character, which IRIS cannot hold in a name");
            if (char.IsLetterOrDigit(c))
                hasAlphanumeric = true;
        }
        if (!hasAlphanumeric)
            throw new PgErrorException(SqlState.InvalidName,
                $"identifier \"{identifier}\" has no letter or digit, so IRIS cannot derive a class name from it",
                hint: "IRIS makes class names from SQL names by removing punctuation (\"Identifiers and Class Entity Names\").");
    }

    private static string Shorten(string s) => s.Length <= 32 ? s : s[..32] + "...";

    private static string Printable(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            sb.Append(char.IsControl(c) ? '?' : c);
        return Shorten(sb.ToString());
    }
}

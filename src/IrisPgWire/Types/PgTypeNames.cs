using System.Diagnostics.CodeAnalysis;
using IrisPgWire.Errors;

namespace IrisPgWire.Types;

/// <summary>
/// SQL spellings of types: parsing a type name as written in CREATE TABLE or a cast
/// (<c>character varying(10)</c>, <c>int[]</c>, <c>timestamp(3) with time zone</c>) and printing
/// one as format_type() does.
/// </summary>
public static class PgTypeNames
{
    /// <summary>
    /// Resolves a type name as written in SQL (keywords case-insensitive, modifiers in parentheses,
    /// trailing <c>[]</c> for arrays). Throws 42704 <c>type "x" does not exist</c> for unknown names and
    /// PostgreSQL's errors for bad modifiers.
    /// </summary>
    public static PgTypeRef Parse(string sqlTypeName)
    {
        ArgumentNullException.ThrowIfNull(sqlTypeName);
        return TypeNameParser.Parse(sqlTypeName);
    }

    public static bool TryParse(string sqlTypeName, [NotNullWhen(true)] out PgTypeRef? type)
    {
        try
        {
            type = Parse(sqlTypeName);
            return true;
        }
        catch (PgErrorException)
        {
            type = null;
            return false;
        }
    }

    /// <summary>format_type(oid, typmod): <c>character varying(10)</c>, <c>numeric(12,2)</c>, <c>integer[]</c>.</summary>
    public static string Format(PgTypeRef type) => TypeNameFormatter.Format(type.Type, type.Modifier);
}

using System.Globalization;
using IrisPgWire.Backends;

namespace IrisPgWire.Catalog;

/// <summary>
/// Reads the bound $n values of a catalogue query as the comparisons in it would see them. Missing
/// parameters (Describe runs the recognition without values) and SQL NULL both read as "no value", which
/// makes every comparison unknown and the answer empty, as in PostgreSQL.
/// </summary>
internal static class CatalogParameters
{
    /// <summary>
    /// An OID compared with <c>oid = $n</c>: an int4 argument is converted as the int4-to-oid cast does
    /// (negative numbers wrap), an int8 one must lie in the oid range to compare equal to any OID.
    /// </summary>
    public static bool TryGetOid(IReadOnlyList<QueryParameter> parameters, int index, out uint oid)
    {
        oid = 0;
        if (index >= parameters.Count)
            return false;
        switch (parameters[index].Value)
        {
            case uint u:
                oid = u;
                return true;
            case int i:
                oid = unchecked((uint)i);
                return true;
            case short s:
                oid = unchecked((uint)s);
                return true;
            case long l when l is >= 0 and <= uint.MaxValue:
                oid = (uint)l;
                return true;
            case string text:
                return uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out oid);
            default:
                return false;
        }
    }

    public static string? GetText(IReadOnlyList<QueryParameter> parameters, int index) =>
        index < parameters.Count ? parameters[index].Value as string : null;

    /// <summary>A boolean argument; text is read as boolin reads it (manual, 8.6 "Boolean Type").</summary>
    public static bool? GetBool(IReadOnlyList<QueryParameter> parameters, int index)
    {
        if (index >= parameters.Count)
            return null;
        return parameters[index].Value switch
        {
            bool b => b,
            string s => s.Trim().ToLowerInvariant() switch
            {
                "t" or "true" or "y" or "yes" or "on" or "1" => true,
                "f" or "false" or "n" or "no" or "off" or "0" => false,
                _ => null,
            },
            _ => null,
        };
    }
}

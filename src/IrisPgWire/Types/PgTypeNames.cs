using System.Globalization;
using System.Text.RegularExpressions;
using IrisPgWire.Errors;

namespace IrisPgWire.Types;

/// <summary>
/// SQL spellings of types: parsing a type name as written in CREATE TABLE or a cast
/// (<c>character varying(10)</c>, <c>int[]</c>, <c>timestamp(3) with time zone</c>) and printing
/// one as format_type() does.
/// </summary>
public static partial class PgTypeNames
{
    private static readonly Dictionary<string, PgType> Simple = new(StringComparer.Ordinal)
    {
        ["int"] = PgTypeCatalog.Int4, ["integer"] = PgTypeCatalog.Int4, ["int4"] = PgTypeCatalog.Int4,
        ["smallint"] = PgTypeCatalog.Int2, ["int2"] = PgTypeCatalog.Int2,
        ["bigint"] = PgTypeCatalog.Int8, ["int8"] = PgTypeCatalog.Int8,
        ["real"] = PgTypeCatalog.Float4, ["float4"] = PgTypeCatalog.Float4,
        ["double precision"] = PgTypeCatalog.Float8, ["float8"] = PgTypeCatalog.Float8, ["float"] = PgTypeCatalog.Float8,
        ["numeric"] = PgTypeCatalog.Numeric, ["decimal"] = PgTypeCatalog.Numeric, ["dec"] = PgTypeCatalog.Numeric,
        ["boolean"] = PgTypeCatalog.Bool, ["bool"] = PgTypeCatalog.Bool,
        ["text"] = PgTypeCatalog.Text, ["name"] = PgTypeCatalog.Name, ["\"char\""] = PgTypeCatalog.Char,
        ["varchar"] = PgTypeCatalog.Varchar, ["character varying"] = PgTypeCatalog.Varchar, ["char varying"] = PgTypeCatalog.Varchar,
        ["char"] = PgTypeCatalog.Bpchar, ["character"] = PgTypeCatalog.Bpchar, ["bpchar"] = PgTypeCatalog.Bpchar,
        ["bytea"] = PgTypeCatalog.Bytea, ["date"] = PgTypeCatalog.Date,
        ["time"] = PgTypeCatalog.Time, ["time without time zone"] = PgTypeCatalog.Time,
        ["timetz"] = PgTypeCatalog.TimeTz, ["time with time zone"] = PgTypeCatalog.TimeTz,
        ["timestamp"] = PgTypeCatalog.Timestamp, ["timestamp without time zone"] = PgTypeCatalog.Timestamp,
        ["timestamptz"] = PgTypeCatalog.TimestampTz, ["timestamp with time zone"] = PgTypeCatalog.TimestampTz,
        ["interval"] = PgTypeCatalog.Interval, ["uuid"] = PgTypeCatalog.Uuid,
        ["json"] = PgTypeCatalog.Json, ["jsonb"] = PgTypeCatalog.Jsonb, ["jsonpath"] = PgTypeCatalog.Jsonpath,
        ["oid"] = PgTypeCatalog.Oid, ["xml"] = PgTypeCatalog.Xml, ["inet"] = PgTypeCatalog.Inet, ["cidr"] = PgTypeCatalog.Cidr,
        ["macaddr"] = PgTypeCatalog.MacAddr, ["money"] = PgTypeCatalog.Money,
        ["bit"] = PgTypeCatalog.Bit, ["bit varying"] = PgTypeCatalog.Varbit, ["varbit"] = PgTypeCatalog.Varbit,
        ["regclass"] = PgTypeCatalog.Regclass, ["regtype"] = PgTypeCatalog.Regtype, ["regproc"] = PgTypeCatalog.Regproc,
        ["record"] = PgTypeCatalog.Record, ["unknown"] = PgTypeCatalog.Unknown, ["void"] = PgTypeCatalog.Void,
        ["cstring"] = PgTypeCatalog.Cstring,
    };

    [GeneratedRegex(@"^(?<name>[a-z_0-9"" ]+?)\s*(?:\(\s*(?<mods>[^)]*)\))?\s*(?<zone>(?:with|without)\s+time\s+zone)?\s*(?<array>(?:\[\s*\d*\s*\]\s*)+|array(?:\s*\[\s*\d*\s*\])?)?$")]
    private static partial Regex TypeSyntax();

    /// <summary>
    /// Resolves a type name as written in SQL (keywords case-insensitive, modifiers in parentheses,
    /// trailing <c>[]</c> for arrays). Throws 42704 <c>type "x" does not exist</c> for unknown names and
    /// PostgreSQL's errors for bad modifiers.
    /// </summary>
    public static PgTypeRef Parse(string sqlTypeName)
    {
        var text = Regex.Replace(sqlTypeName.Trim(), @"\s+", " ");
        var lowered = text.StartsWith("\"char\"", StringComparison.Ordinal) ? text : text.ToLowerInvariant();
        if (lowered.StartsWith("pg_catalog.", StringComparison.Ordinal))
            lowered = lowered["pg_catalog.".Length..];
        var m = TypeSyntax().Match(lowered);
        if (!m.Success)
            throw Unknown(text);
        var name = m.Groups["name"].Value.Trim();
        if (m.Groups["zone"].Success)
            name += " " + Regex.Replace(m.Groups["zone"].Value, @"\s+", " ");
        if (!Simple.TryGetValue(name, out var type))
        {
            if (name.StartsWith('_') && PgTypeCatalog.TryGetByName(name, out var arrayType))
                return new PgTypeRef(arrayType);
            throw Unknown(name);
        }
        var mods = m.Groups["mods"].Success
            ? m.Groups["mods"].Value.Split(',', StringSplitOptions.TrimEntries)
            : [];
        var modifier = Modifier(type, name, mods);
        if (name is "float" && mods.Length == 1)
            type = int.Parse(mods[0], CultureInfo.InvariantCulture) <= 24 ? PgTypeCatalog.Float4 : PgTypeCatalog.Float8;
        if (m.Groups["array"].Success)
            return new PgTypeRef(PgTypeCatalog.ArrayOf(type), modifier);
        return new PgTypeRef(type, modifier);
    }

    /// <summary>format_type(oid, typmod): <c>character varying(10)</c>, <c>numeric(12,2)</c>, <c>integer[]</c>.</summary>
    public static string Format(PgTypeRef type)
    {
        if (type.Type.IsArray && PgTypeCatalog.TryGetByOid(type.Type.ElementOid, out var element))
            return Format(new PgTypeRef(element, type.Modifier)) + "[]";
        var m = type.Modifier;
        var t = type.Type;
        if (t == PgTypeCatalog.Bpchar)
            return m >= 4 ? Invariant($"character({m - 4})") : "bpchar";
        if (t == PgTypeCatalog.Varchar)
            return m >= 4 ? Invariant($"character varying({m - 4})") : "character varying";
        if (t == PgTypeCatalog.Numeric && m >= 4)
        {
            var p = ((m - 4) >> 16) & 0xFFFF;
            var s = (short)((m - 4) & 0xFFFF);
            return Invariant($"numeric({p},{s})");
        }
        if (t == PgTypeCatalog.Timestamp || t == PgTypeCatalog.TimestampTz || t == PgTypeCatalog.Time || t == PgTypeCatalog.TimeTz)
        {
            if (m < 0)
                return t.SqlName;
            var space = t.SqlName.IndexOf(' ', StringComparison.Ordinal);
            return Invariant($"{t.SqlName[..space]}({m}){t.SqlName[space..]}");
        }
        if ((t == PgTypeCatalog.Bit || t == PgTypeCatalog.Varbit) && m >= 0)
            return Invariant($"{t.SqlName}({m})");
        return t.SqlName;
    }

    private static int Modifier(PgType type, string name, string[] mods)
    {
        if (mods.Length == 0)
        {
            // Bare "char"/"character" means char(1); bare bpchar is unlimited (manual, "Character Types").
            if (type == PgTypeCatalog.Bpchar && name != "bpchar")
                return 5;
            if (type == PgTypeCatalog.Bit && name == "bit")
                return 1;
            return -1;
        }
        var values = new int[mods.Length];
        for (var i = 0; i < mods.Length; i++)
        {
            if (!int.TryParse(mods[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]))
                throw new PgErrorException(SqlState.SyntaxError, $"syntax error at or near \"{mods[i]}\"");
        }
        if (type == PgTypeCatalog.Varchar || type == PgTypeCatalog.Bpchar)
        {
            var label = type == PgTypeCatalog.Varchar ? "varchar" : "char";
            if (values.Length != 1)
                throw new PgErrorException(SqlState.InvalidParameterValue, "invalid type modifier");
            if (values[0] < 1)
                throw new PgErrorException(SqlState.InvalidParameterValue, $"length for type {label} must be at least 1");
            if (values[0] > 10485760)
                throw new PgErrorException(SqlState.InvalidParameterValue, $"length for type {label} cannot exceed 10485760");
            return values[0] + 4;
        }
        if (type == PgTypeCatalog.Numeric)
        {
            var precision = values[0];
            var scale = values.Length > 1 ? values[1] : 0;
            if (values.Length > 2)
                throw new PgErrorException(SqlState.InvalidParameterValue, "invalid NUMERIC type modifier");
            if (precision is < 1 or > 1000)
                throw new PgErrorException(SqlState.InvalidParameterValue, Invariant($"NUMERIC precision {precision} must be between 1 and 1000"));
            if (scale is < -1000 or > 1000)
                throw new PgErrorException(SqlState.InvalidParameterValue, Invariant($"NUMERIC scale {scale} must be between -1000 and 1000"));
            return ((precision << 16) | (scale & 0x7FF)) + 4;
        }
        if (type == PgTypeCatalog.Timestamp || type == PgTypeCatalog.TimestampTz || type == PgTypeCatalog.Time ||
            type == PgTypeCatalog.TimeTz || type == PgTypeCatalog.Interval)
        {
            if (values[0] < 0)
            {
                var label = type == PgTypeCatalog.Interval ? "INTERVAL"
                    : type == PgTypeCatalog.Time || type == PgTypeCatalog.TimeTz ? "TIME" : "TIMESTAMP";
                var zone = type == PgTypeCatalog.TimestampTz || type == PgTypeCatalog.TimeTz ? " WITH TIME ZONE" : "";
                throw new PgErrorException(SqlState.InvalidParameterValue,
                    Invariant($"{label}({values[0]}){zone} precision must not be negative"));
            }
            return Math.Min(values[0], 6);
        }
        if (type == PgTypeCatalog.Float4 || type == PgTypeCatalog.Float8)
        {
            if (values[0] < 1)
                throw new PgErrorException(SqlState.InvalidParameterValue, "precision for type float must be at least 1 bit");
            if (values[0] > 53)
                throw new PgErrorException(SqlState.InvalidParameterValue, "precision for type float must be less than 54 bits");
            return -1;
        }
        if (type == PgTypeCatalog.Bit || type == PgTypeCatalog.Varbit)
            return values[0];
        throw new PgErrorException(SqlState.SyntaxError, $"type modifier is not allowed for type \"{type.Name}\"");
    }

    private static PgErrorException Unknown(string name) => new(SqlState.UndefinedObject, $"type \"{name}\" does not exist");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

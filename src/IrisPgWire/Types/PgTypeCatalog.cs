using System.Collections.Frozen;

namespace IrisPgWire.Types;

/// <summary>
/// The built-in types the server knows, with PostgreSQL 15's OIDs (src/include/catalog/pg_type.dat).
/// </summary>
public static class PgTypeCatalog
{
    public static readonly PgType Bool = new(16, "bool", 1, 'B', 1000, sqlName: "boolean");
    public static readonly PgType Bytea = new(17, "bytea", -1, 'U', 1001);
    public static readonly PgType Char = new(18, "char", 1, 'Z', 1002, sqlName: "\"char\"");
    public static readonly PgType Name = new(19, "name", 64, 'S', 1003);
    public static readonly PgType Int8 = new(20, "int8", 8, 'N', 1016, sqlName: "bigint");
    public static readonly PgType Int2 = new(21, "int2", 2, 'N', 1005, sqlName: "smallint");
    public static readonly PgType Int4 = new(23, "int4", 4, 'N', 1007, sqlName: "integer");
    public static readonly PgType Regproc = new(24, "regproc", 4, 'N', 1008);
    public static readonly PgType Text = new(25, "text", -1, 'S', 1009);
    public static readonly PgType Oid = new(26, "oid", 4, 'N', 1028);
    public static readonly PgType Json = new(114, "json", -1, 'U', 199);
    public static readonly PgType Xml = new(142, "xml", -1, 'U', 143);
    public static readonly PgType Float4 = new(700, "float4", 4, 'N', 1021, sqlName: "real");
    public static readonly PgType Float8 = new(701, "float8", 8, 'N', 1022, sqlName: "double precision");
    public static readonly PgType Unknown = new(705, "unknown", -2, 'X');
    public static readonly PgType Money = new(790, "money", 8, 'N', 791);
    public static readonly PgType Inet = new(869, "inet", -1, 'I', 1041);
    public static readonly PgType Cidr = new(650, "cidr", -1, 'I', 651);
    public static readonly PgType MacAddr = new(829, "macaddr", 6, 'U', 1040);
    public static readonly PgType Bpchar = new(1042, "bpchar", -1, 'S', 1014, sqlName: "character");
    public static readonly PgType Varchar = new(1043, "varchar", -1, 'S', 1015, sqlName: "character varying");
    public static readonly PgType Date = new(1082, "date", 4, 'D', 1182);
    public static readonly PgType Time = new(1083, "time", 8, 'D', 1183, sqlName: "time without time zone");
    public static readonly PgType Timestamp = new(1114, "timestamp", 8, 'D', 1115, sqlName: "timestamp without time zone");
    public static readonly PgType TimestampTz = new(1184, "timestamptz", 8, 'D', 1185, sqlName: "timestamp with time zone");
    public static readonly PgType Interval = new(1186, "interval", 16, 'T', 1187);
    public static readonly PgType TimeTz = new(1266, "timetz", 12, 'D', 1270, sqlName: "time with time zone");
    public static readonly PgType Bit = new(1560, "bit", -1, 'V', 1561);
    public static readonly PgType Varbit = new(1562, "varbit", -1, 'V', 1563, sqlName: "bit varying");
    public static readonly PgType Numeric = new(1700, "numeric", -1, 'N', 1231);
    public static readonly PgType Regclass = new(2205, "regclass", 4, 'N', 2210);
    public static readonly PgType Regtype = new(2206, "regtype", 4, 'N', 2211);
    public static readonly PgType Record = new(2249, "record", -1, 'P', 2287);
    public static readonly PgType Cstring = new(2275, "cstring", -2, 'P', 1263);
    public static readonly PgType Void = new(2278, "void", 4, 'P');
    public static readonly PgType Uuid = new(2950, "uuid", 16, 'U', 2951);
    public static readonly PgType Jsonb = new(3802, "jsonb", -1, 'U', 3807);
    public static readonly PgType Jsonpath = new(4072, "jsonpath", -1, 'U', 4073);

    private static readonly PgType[] Scalars =
    [
        Bool, Bytea, Char, Name, Int8, Int2, Int4, Regproc, Text, Oid, Json, Xml, Float4, Float8, Unknown, Money,
        Inet, Cidr, MacAddr, Bpchar, Varchar, Date, Time, Timestamp, TimestampTz, Interval, TimeTz, Bit, Varbit,
        Numeric, Regclass, Regtype, Record, Cstring, Void, Uuid, Jsonb, Jsonpath,
    ];

    /// <summary>Every type: the scalars above and the array type of each that has one.</summary>
    public static readonly IReadOnlyList<PgType> All = BuildAll();

    private static readonly FrozenDictionary<uint, PgType> ByOidMap = All.ToFrozenDictionary(t => t.Oid);
    private static readonly FrozenDictionary<string, PgType> ByNameMap =
        All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static PgType Int4Array => ByOidMap[Int4.ArrayOid];
    public static PgType TextArray => ByOidMap[Text.ArrayOid];

    public static bool TryGetByOid(uint oid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PgType? type) =>
        ByOidMap.TryGetValue(oid, out type);

    /// <summary>Looks up a pg_type.typname exactly (<c>int4</c>, <c>_text</c>); see <see cref="PgTypeNames"/> for SQL spellings.</summary>
    public static bool TryGetByName(string typname, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PgType? type) =>
        ByNameMap.TryGetValue(typname, out type);

    public static PgType ArrayOf(PgType element) =>
        element.ArrayOid != 0 && ByOidMap.TryGetValue(element.ArrayOid, out var array)
            ? array
            : throw new ArgumentException($"type {element.Name} has no array type", nameof(element));

    private static PgType[] BuildAll()
    {
        var all = new List<PgType>(Scalars);
        foreach (var t in Scalars)
        {
            if (t.ArrayOid != 0)
                all.Add(new PgType(t.ArrayOid, "_" + t.Name, -1, 'A', elementOid: t.Oid, sqlName: t.SqlName + "[]"));
        }
        return [.. all];
    }
}

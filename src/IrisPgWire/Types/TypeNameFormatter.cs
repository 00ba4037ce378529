using System.Globalization;

namespace IrisPgWire.Types;

/// <summary>
/// format_type(oid, typmod) (src/backend/utils/adt/format_type.c): SQL names with the modifier printed
/// by each type's typmodout. bpchar with no modifier prints <c>bpchar</c> because a bare
/// <c>character</c> would mean character(1).
/// </summary>
internal static class TypeNameFormatter
{
    public static string Format(PgType type, int modifier)
    {
        if (type.IsArray && PgTypeCatalog.TryGetByOid(type.ElementOid, out var element))
            return Format(element, modifier) + "[]";
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        switch (type.Oid)
        {
            case 1042:
                return modifier >= 4 ? $"character({I(modifier - 4)})" : "bpchar";
            case 1043:
                return modifier >= 4 ? $"character varying({I(modifier - 4)})" : "character varying";
            case 1700:
                if (modifier < 4)
                    return "numeric";
                var (p, s) = Codecs.NumericCodec.Decode(modifier);
                return $"numeric({I(p)},{I(s)})";
            case 1114:
                return modifier >= 0 ? $"timestamp({I(modifier)}) without time zone" : type.SqlName;
            case 1184:
                return modifier >= 0 ? $"timestamp({I(modifier)}) with time zone" : type.SqlName;
            case 1083:
                return modifier >= 0 ? $"time({I(modifier)}) without time zone" : type.SqlName;
            case 1266:
                return modifier >= 0 ? $"time({I(modifier)}) with time zone" : type.SqlName;
            case 1560:
                return modifier >= 0 ? $"bit({I(modifier)})" : "bit";
            case 1562:
                return modifier >= 0 ? $"bit varying({I(modifier)})" : "bit varying";
            case 1186:
                return modifier >= 0 ? "interval" + IntervalSuffix(modifier) : "interval";
            default:
                return type.SqlName;
        }
    }

    private static string IntervalSuffix(int modifier)
    {
        int range = (modifier >> 16) & 0x7FFF;
        int precision = modifier & 0xFFFF;
        string fields = range switch
        {
            TypeNameParser.IntervalYear => " year",
            TypeNameParser.IntervalMonth => " month",
            TypeNameParser.IntervalDay => " day",
            TypeNameParser.IntervalHour => " hour",
            TypeNameParser.IntervalMinute => " minute",
            TypeNameParser.IntervalSecond => " second",
            TypeNameParser.IntervalYear | TypeNameParser.IntervalMonth => " year to month",
            TypeNameParser.IntervalDay | TypeNameParser.IntervalHour => " day to hour",
            TypeNameParser.IntervalDay | TypeNameParser.IntervalHour | TypeNameParser.IntervalMinute => " day to minute",
            TypeNameParser.IntervalDay | TypeNameParser.IntervalHour | TypeNameParser.IntervalMinute | TypeNameParser.IntervalSecond => " day to second",
            TypeNameParser.IntervalHour | TypeNameParser.IntervalMinute => " hour to minute",
            TypeNameParser.IntervalHour | TypeNameParser.IntervalMinute | TypeNameParser.IntervalSecond => " hour to second",
            TypeNameParser.IntervalMinute | TypeNameParser.IntervalSecond => " minute to second",
            _ => "",
        };
        return precision != TypeNameParser.IntervalFullPrecision
            ? fields + "(" + precision.ToString(CultureInfo.InvariantCulture) + ")"
            : fields;
    }
}

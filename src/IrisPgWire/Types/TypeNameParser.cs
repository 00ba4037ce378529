using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Types;

/// <summary>
/// Parses an SQL type name the way PostgreSQL's grammar does (src/backend/parser/gram.y: Typename,
/// SimpleTypename, Numeric, Bit, Character, ConstDatetime, ConstInterval, GenericType, opt_array_bounds)
/// and computes the type modifier as each type's typmodin function would (varchar.c, numeric.c,
/// timestamp.c, date.c, varbit.c).
/// </summary>
internal sealed class TypeNameParser
{
    private const int MaxCharLength = 10485760;
    private const int MaxBitLength = 83886080;

    // Interval field masks (src/include/utils/datetime.h) and the full range/precision markers
    // (src/include/utils/timestamp.h).
    internal const int IntervalMonth = 1 << 1;
    internal const int IntervalYear = 1 << 2;
    internal const int IntervalDay = 1 << 3;
    internal const int IntervalHour = 1 << 10;
    internal const int IntervalMinute = 1 << 11;
    internal const int IntervalSecond = 1 << 12;
    internal const int IntervalFullRange = 0x7FFF;
    internal const int IntervalFullPrecision = 0xFFFF;

    private readonly string _text;
    private readonly List<string> _tokens;
    private int _pos;

    private TypeNameParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static PgTypeRef Parse(string text) => new TypeNameParser(text).ParseTypename();

    private static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                int end = i + 1;
                var sb = new System.Text.StringBuilder("\"");
                while (end < s.Length)
                {
                    if (s[end] == '"')
                    {
                        if (end + 1 < s.Length && s[end + 1] == '"')
                        {
                            sb.Append('"');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    sb.Append(s[end++]);
                }
                if (end >= s.Length)
                    SyntaxError(s);
                tokens.Add(sb.ToString());
                i = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || c == '_' || c == '$' || ((c == '-' || c == '+') && i + 1 < s.Length && char.IsDigit(s[i + 1])))
            {
                int start = i++;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '$'))
                    i++;
                tokens.Add(s[start..i].ToLowerInvariant());
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }
        return tokens;
    }

    private string? Peek(int ahead = 0) => _pos + ahead < _tokens.Count ? _tokens[_pos + ahead] : null;

    private bool Accept(string token)
    {
        if (Peek() == token)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
            SyntaxError(Peek() ?? "end of input");
    }

    private static void SyntaxError(string near) =>
        throw new PgErrorException(SqlState.SyntaxError,
            near == "end of input" ? "syntax error at end of input" : $"syntax error at or near \"{near}\"");

    private PgTypeRef ParseTypename()
    {
        bool setof = false;
        _ = setof;
        var simple = ParseSimple();
        bool isArray = false;
        int? arrayMod = null;
        if (Accept("array"))
        {
            isArray = true;
            if (Accept("["))
            {
                ParseInt();
                Expect("]");
            }
        }
        else
        {
            while (Accept("["))
            {
                isArray = true;
                if (Peek() != "]")
                    ParseInt();
                Expect("]");
            }
        }
        if (_pos != _tokens.Count)
            SyntaxError(Peek()!);
        if (!isArray)
            return simple;
        if (simple.Type.IsArray)
            return simple;
        if (simple.Type.ArrayOid == 0)
            throw new PgErrorException(SqlState.UndefinedObject, $"type \"{_text.Trim()}\" does not exist");
        _ = arrayMod;
        return new PgTypeRef(PgTypeCatalog.ArrayOf(simple.Type), simple.Modifier);
    }

    private int ParseInt()
    {
        string? t = Peek();
        if (t is null || !int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
        {
            SyntaxError(t ?? "end of input");
            return 0;
        }
        _pos++;
        return v;
    }

    private List<int>? ParseModifiers()
    {
        if (!Accept("("))
            return null;
        var list = new List<int> { ParseInt() };
        while (Accept(","))
            list.Add(ParseInt());
        Expect(")");
        return list;
    }

    private PgTypeRef ParseSimple()
    {
        string? word = Peek();
        if (word is null)
            SyntaxError("end of input");
        _pos++;
        switch (word)
        {
            case "int" or "integer":
                return new(PgTypeCatalog.Int4);
            case "smallint":
                return new(PgTypeCatalog.Int2);
            case "bigint":
                return new(PgTypeCatalog.Int8);
            case "real":
                return new(PgTypeCatalog.Float4);
            case "float":
                return ParseFloat();
            case "double":
                Expect("precision");
                return new(PgTypeCatalog.Float8);
            case "decimal" or "dec" or "numeric":
                return new(PgTypeCatalog.Numeric, NumericModifier(ParseModifiers()));
            case "boolean":
                return new(PgTypeCatalog.Bool);
            case "bit":
            {
                bool varying = Accept("varying");
                var mods = ParseModifiers();
                return BitType(varying, mods, defaultOne: !varying);
            }
            case "character" or "char" or "nchar" or "varchar" or "national":
                return ParseCharacter(word);
            case "timestamp" or "time":
            {
                var mods = ParseModifiers();
                bool tz = ParseTimeZoneClause();
                var type = word == "timestamp"
                    ? tz ? PgTypeCatalog.TimestampTz : PgTypeCatalog.Timestamp
                    : tz ? PgTypeCatalog.TimeTz : PgTypeCatalog.Time;
                return new(type, DatetimeModifier(type, mods));
            }
            case "interval":
                return ParseInterval();
            case "pg_catalog" when Peek() == ".":
                _pos++;
                return ParseGeneric(Peek() ?? "", true);
            default:
                return ParseGeneric(word!, false);
        }
    }

    private PgTypeRef ParseGeneric(string word, bool advance)
    {
        if (advance)
            _pos++;
        string name = word.StartsWith('"') ? word[1..] : word;
        if (!PgTypeCatalog.TryGetByName(name, out var type))
        {
            // The SQL keyword spellings are also typnames-in-disguise when qualified; the name in the
            // error is the name as written (without quotes).
            throw new PgErrorException(SqlState.UndefinedObject, $"type \"{name}\" does not exist");
        }
        var mods = ParseModifiers();
        if (mods is null)
            return new(type);
        int mod = type.Oid switch
        {
            1043 => CharModifier("varchar", mods),
            1042 => CharModifier("char", mods),
            1700 => NumericModifier(mods),
            1114 or 1184 or 1083 or 1266 => DatetimeModifier(type, mods),
            1186 => IntervalModifier(IntervalFullRange, mods),
            1560 => BitType(false, mods, false).Modifier,
            1562 => BitType(true, mods, false).Modifier,
            _ => throw new PgErrorException(SqlState.SyntaxError, $"type modifier is not allowed for type \"{name}\""),
        };
        return new(type, mod);
    }

    private PgTypeRef ParseFloat()
    {
        var mods = ParseModifiers();
        if (mods is null)
            return new(PgTypeCatalog.Float8);
        if (mods.Count != 1)
            SyntaxError(",");
        int p = mods[0];
        if (p < 1)
            throw new PgErrorException(SqlState.InvalidParameterValue, "precision for type float must be at least 1 bit");
        if (p <= 24)
            return new(PgTypeCatalog.Float4);
        if (p <= 53)
            return new(PgTypeCatalog.Float8);
        throw new PgErrorException(SqlState.InvalidParameterValue, "precision for type float must be less than 54 bits");
    }

    private PgTypeRef ParseCharacter(string word)
    {
        bool varying;
        if (word == "national")
        {
            if (!Accept("character") && !Accept("char"))
                SyntaxError(Peek() ?? "end of input");
            varying = Accept("varying");
        }
        else if (word == "varchar")
        {
            varying = true;
        }
        else
        {
            varying = Accept("varying");
        }
        var mods = ParseModifiers();
        if (varying)
            return new(PgTypeCatalog.Varchar, mods is null ? -1 : CharModifier("varchar", mods));
        // CHARACTER without a length means CHARACTER(1) (SQL standard; gram.y).
        return new(PgTypeCatalog.Bpchar, CharModifier("char", mods ?? [1]));
    }

    private static int CharModifier(string name, List<int> mods)
    {
        if (mods.Count != 1)
            throw new PgErrorException(SqlState.InvalidParameterValue, "invalid type modifier");
        int n = mods[0];
        if (n < 1)
            throw new PgErrorException(SqlState.InvalidParameterValue, $"length for type {name} must be at least 1");
        if (n > MaxCharLength)
            throw new PgErrorException(SqlState.InvalidParameterValue, $"length for type {name} cannot exceed {MaxCharLength}");
        return n + 4;
    }

    private static PgTypeRef BitType(bool varying, List<int>? mods, bool defaultOne)
    {
        var type = varying ? PgTypeCatalog.Varbit : PgTypeCatalog.Bit;
        if (mods is null)
            return new(type, defaultOne ? 1 : -1);
        if (mods.Count != 1)
            throw new PgErrorException(SqlState.InvalidParameterValue, "invalid type modifier");
        int n = mods[0];
        if (n < 1)
            throw new PgErrorException(SqlState.InvalidParameterValue, $"length for type {type.Name} must be at least 1");
        if (n > MaxBitLength)
            throw new PgErrorException(SqlState.InvalidParameterValue, $"length for type {type.Name} cannot exceed {MaxBitLength}");
        return new(type, n);
    }

    private static int NumericModifier(List<int>? mods)
    {
        if (mods is null)
            return -1;
        if (mods.Count > 2)
            throw new PgErrorException(SqlState.InvalidParameterValue, "invalid NUMERIC type modifier");
        int p = mods[0];
        if (p is < 1 or > 1000)
            throw new PgErrorException(SqlState.InvalidParameterValue, $"NUMERIC precision {p} must be between 1 and 1000");
        int s = mods.Count == 2 ? mods[1] : 0;
        if (s is < -1000 or > 1000)
            throw new PgErrorException(SqlState.InvalidParameterValue, $"NUMERIC scale {s} must be between -1000 and 1000");
        return ((p << 16) | (s & 0x7FF)) + 4;
    }

    // PostgreSQL warns and lowers a precision above 6; the warning has no channel here, so it is lowered silently.
    private static int DatetimeModifier(PgType type, List<int>? mods)
    {
        if (mods is null)
            return -1;
        if (mods.Count != 1)
            throw new PgErrorException(SqlState.InvalidParameterValue, "invalid type modifier");
        int p = mods[0];
        if (p < 0)
        {
            string label = type.Oid switch
            {
                1114 => "TIMESTAMP",
                1184 => "TIMESTAMP WITH TIME ZONE",
                1083 => "TIME",
                _ => "TIME WITH TIME ZONE",
            };
            throw new PgErrorException(SqlState.InvalidParameterValue, $"{label}({p}) precision must not be negative");
        }
        return Math.Min(p, 6);
    }

    private bool ParseTimeZoneClause()
    {
        if (Peek() == "with" && Peek(1) == "time" && Peek(2) == "zone")
        {
            _pos += 3;
            return true;
        }
        if (Peek() == "without" && Peek(1) == "time" && Peek(2) == "zone")
            _pos += 3;
        return false;
    }

    private PgTypeRef ParseInterval()
    {
        var mods = ParseModifiers();
        if (mods is not null)
            return new(PgTypeCatalog.Interval, IntervalModifier(IntervalFullRange, mods));
        int range = ParseIntervalFields(out var precision);
        if (range == IntervalFullRange && precision is null)
            return new(PgTypeCatalog.Interval);
        return new(PgTypeCatalog.Interval, IntervalModifier(range, precision is null ? null : [precision.Value]));
    }

    private int ParseIntervalFields(out int? precision)
    {
        precision = null;
        string? w = Peek();
        int Field(string f) => f switch
        {
            "year" => IntervalYear,
            "month" => IntervalMonth,
            "day" => IntervalDay,
            "hour" => IntervalHour,
            "minute" => IntervalMinute,
            "second" => IntervalSecond,
            _ => 0,
        };
        if (w is null || Field(w) == 0)
            return IntervalFullRange;
        _pos++;
        if (w == "second")
        {
            var m = ParseModifiers();
            precision = m?[0];
            return IntervalSecond;
        }
        if (!Accept("to"))
            return Field(w);
        string? to = Peek();
        if (to is null || Field(to) == 0)
            SyntaxError(to ?? "end of input");
        _pos++;
        if (to == "second")
            precision = ParseModifiers()?[0];
        return (w, to) switch
        {
            ("year", "month") => IntervalYear | IntervalMonth,
            ("day", "hour") => IntervalDay | IntervalHour,
            ("day", "minute") => IntervalDay | IntervalHour | IntervalMinute,
            ("day", "second") => IntervalDay | IntervalHour | IntervalMinute | IntervalSecond,
            ("hour", "minute") => IntervalHour | IntervalMinute,
            ("hour", "second") => IntervalHour | IntervalMinute | IntervalSecond,
            ("minute", "second") => IntervalMinute | IntervalSecond,
            _ => throw new PgErrorException(SqlState.SyntaxError, $"syntax error at or near \"{to}\""),
        };
    }

    private static int IntervalModifier(int range, List<int>? mods)
    {
        int precision = IntervalFullPrecision;
        if (mods is not null)
        {
            if (mods.Count != 1)
                throw new PgErrorException(SqlState.InvalidParameterValue, "invalid INTERVAL type modifier");
            precision = mods[0];
            if (precision < 0)
                throw new PgErrorException(SqlState.InvalidParameterValue, $"INTERVAL({precision}) precision must not be negative");
            precision = Math.Min(precision, 6);
        }
        return (range << 16) | precision;
    }
}

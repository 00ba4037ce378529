using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Temporal;

/// <summary>
/// Date/time input as PostgreSQL reads it (manual, "Date/Time Input" and appendix B; datetime.c
/// ParseDateTime/DecodeDateTime): ISO 8601 with <c>T</c> and zones, <c>Jan 31 2024</c>,
/// <c>31-Jan-2024</c>, <c>20240131</c>, numeric dates ordered by DateStyle, AM/PM, BC, zone offsets,
/// abbreviations and names, and the special words.
/// </summary>
internal ref struct DateTimeParser
{
    private readonly string _s;
    private readonly string _typeName;
    private readonly DateOrder _order;
    private int _pos;
    private DateTimeFields _f;
    private bool _bc;
    private int _ampm;
    private bool _twoDigitYear;
    private bool _nextIsTime;
    private int _pendingMonth;
    private List<(int Value, int Digits)>? _loose;

    private DateTimeParser(string s, string typeName, DateOrder order)
    {
        _s = s;
        _typeName = typeName;
        _order = order;
        _pos = 0;
        _f = default;
        _bc = false;
        _ampm = 0;
        _twoDigitYear = false;
        _nextIsTime = false;
        _pendingMonth = 0;
        _loose = null;
    }

    public static DateTimeFields Parse(string s, string typeName, DateOrder order)
    {
        var p = new DateTimeParser(s, typeName, order);
        p.Run();
        return p._f;
    }

    private readonly PgErrorException Syntax() =>
        new(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {_typeName}: \"{_s}\"");

    private readonly PgErrorException Range() =>
        new(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{_s}\"");

    private void Run()
    {
        while (true)
        {
            while (_pos < _s.Length && (char.IsWhiteSpace(_s[_pos]) || _s[_pos] == ','))
                _pos++;
            if (_pos >= _s.Length)
                break;
            char c = _s[_pos];
            if (char.IsAsciiDigit(c))
                ReadNumberField();
            else if (char.IsAsciiLetter(c))
                ReadWord();
            else if (c is '+' or '-')
                ReadSigned();
            else if (c == '.' && _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1]))
                ReadNumberField();
            else
                throw Syntax();
        }
        Finish();
    }

    private void ReadNumberField()
    {
        int start = _pos;
        while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
            _pos++;
        if (_pos < _s.Length && _s[_pos] == ':')
        {
            while (_pos < _s.Length && (char.IsAsciiDigit(_s[_pos]) || _s[_pos] is ':' or '.'))
                _pos++;
            ParseTime(_s[start.._pos]);
            return;
        }
        if (_pos < _s.Length && _s[_pos] is '-' or '/' or '.')
        {
            char sep = _s[_pos];
            int save = _pos;
            // One '.' followed by digits and no second separator is a fraction (20240131.5 is not handled).
            while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == sep))
            {
                if (_s[_pos] is 'T' or 't' && _pos > 0 && char.IsAsciiDigit(_s[_pos - 1]) &&
                    _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1]))
                    break;
                _pos++;
            }
            string token = _s[start.._pos];
            if (sep == '.' && token.Count(ch => ch == '.') == 1)
            {
                _pos = save;
                _pos++;
                while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
                    _pos++;
                NumberWithFraction(_s[start.._pos]);
                return;
            }
            ParseDateToken(token, sep);
            return;
        }
        string digits = _s[start.._pos];
        if (_pos < _s.Length && _s[_pos] == '.')
        {
            _pos++;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
                _pos++;
            NumberWithFraction(_s[start.._pos]);
            return;
        }
        PlainNumber(digits);
    }

    private void NumberWithFraction(string token)
    {
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        string whole = token[..dot];
        if (whole.Length == 6 && (_f.HasDate || _nextIsTime))
        {
            ParseTime($"{whole[..2]}:{whole[2..4]}:{whole[4..]}{token[dot..]}");
            return;
        }
        throw Syntax();
    }

    private void PlainNumber(string digits)
    {
        // time and timetz read a lone 6-digit number as hhmmss (datetime.c DecodeTimeOnly).
        bool timeOnly = _typeName is "time" or "time with time zone";
        if (_nextIsTime || (timeOnly && !_f.HasTime && digits.Length == 6) || (_f.HasDate && !_f.HasTime && digits.Length is 4 or 6 && _loose is null && _pendingMonth == 0))
        {
            if (digits.Length is 6 or 4 or 2)
            {
                _nextIsTime = false;
                string t = digits.Length switch
                {
                    6 => $"{digits[..2]}:{digits[2..4]}:{digits[4..]}",
                    4 => $"{digits[..2]}:{digits[2..]}",
                    _ => digits + ":00",
                };
                ParseTime(t);
                return;
            }
        }
        if (!_f.HasDate && _loose is null && _pendingMonth == 0)
        {
            if (digits.Length == 8)
            {
                SetDate(Int(digits[..4]), Int(digits[4..6]), Int(digits[6..]));
                return;
            }
            if (digits.Length == 6)
            {
                SetDate(Int(digits[..2]), Int(digits[2..4]), Int(digits[4..]));
                _twoDigitYear = true;
                return;
            }
            if (digits.Length == 14)
            {
                SetDate(Int(digits[..4]), Int(digits[4..6]), Int(digits[6..8]));
                ParseTime($"{digits[8..10]}:{digits[10..12]}:{digits[12..]}");
                return;
            }
        }
        (_loose ??= []).Add((Int(digits), digits.Length));
    }

    private readonly int Int(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw Range();

    private void SetDate(int year, int month, int day)
    {
        if (_f.HasDate)
            throw Syntax();
        _f.Year = year;
        _f.Month = month;
        _f.Day = day;
        _f.HasDate = true;
    }

    private void ParseDateToken(string token, char sep)
    {
        var parts = token.Split(sep);
        if (parts.Length != 3 || Array.Exists(parts, p => p.Length == 0))
        {
            if (parts.Length == 2 && sep == '-' && parts[1].Length > 0 && !char.IsAsciiDigit(parts[1][0]))
                throw Syntax();
            throw Syntax();
        }
        int monthIndex = Array.FindIndex(parts, p => char.IsAsciiLetter(p[0]));
        if (monthIndex >= 0)
        {
            int month = MonthNumber(parts[monthIndex]);
            if (month == 0)
                throw Syntax();
            var nums = new List<string>(2);
            for (int k = 0; k < 3; k++)
            {
                if (k != monthIndex)
                    nums.Add(parts[k]);
            }
            // 31-Jan-2024, Jan-31-2024, 2024-Jan-31: the field with more than two digits is the year.
            string yearPart, dayPart;
            if (nums[0].Length > 2 || monthIndex == 1 && _order == DateOrder.Ymd)
                (yearPart, dayPart) = (nums[0], nums[1]);
            else
                (dayPart, yearPart) = (nums[0], nums[1]);
            SetDate(Int(yearPart), month, Int(dayPart));
            _twoDigitYear = yearPart.Length <= 2;
            return;
        }
        string a = parts[0], b = parts[1], c = parts[2];
        if (a.Length > 2 || _order == DateOrder.Ymd)
        {
            SetDate(Int(a), Int(b), Int(c));
            _twoDigitYear = a.Length <= 2;
        }
        else if (_order == DateOrder.Dmy)
        {
            SetDate(Int(c), Int(b), Int(a));
            _twoDigitYear = c.Length <= 2;
        }
        else
        {
            SetDate(Int(c), Int(a), Int(b));
            _twoDigitYear = c.Length <= 2;
        }
    }

    private void ParseTime(string token)
    {
        if (_f.HasTime)
            throw Syntax();
        _nextIsTime = false;
        var parts = token.Split(':');
        if (parts.Length is < 2 or > 3 || Array.Exists(parts, p => p.Length == 0))
            throw Syntax();
        _f.Hour = Int(parts[0]);
        string minutePart = parts[1];
        string? secondPart = parts.Length == 3 ? parts[2] : null;
        if (secondPart is null && minutePart.Contains('.', StringComparison.Ordinal))
        {
            // mm:ss.fff is not what PostgreSQL reads here; hh:mm.fff is rejected.
            throw Syntax();
        }
        _f.Minute = Int(minutePart);
        if (secondPart is not null)
        {
            int dot = secondPart.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                _f.Second = dot == 0 ? 0 : Int(secondPart[..dot]);
                _f.Micros = FractionMicros(secondPart[dot..]);
            }
            else
            {
                _f.Second = Int(secondPart);
            }
        }
        _f.HasTime = true;
    }

    /// <summary>rint(strtod(".fff") * 1e6), as datetime.c ParseFractionalSecond does.</summary>
    private readonly long FractionMicros(string fraction)
    {
        if (fraction.Length == 1)
            return 0;
        if (!double.TryParse("0" + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double f))
            throw Syntax();
        return (long)Math.Round(f * 1_000_000, MidpointRounding.ToEven);
    }

    private void ReadWord()
    {
        int start = _pos;
        while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] is '/' or '_' or '.' or '-' or '+'))
        {
            if (_s[_pos] is '-' or '+' or '.' && !(_pos > start && _s[start..].Contains('/', StringComparison.Ordinal)))
            {
                // "Jan-31-2024" (a date) keeps going; "UTC+5"-style suffixes end the word.
                if (_s[_pos] == '-' && MonthNumber(_s[start.._pos]) != 0)
                {
                    while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '-'))
                        _pos++;
                    ParseDateToken(_s[start.._pos], '-');
                    return;
                }
                break;
            }
            _pos++;
        }
        string word = _s[start.._pos];
        string lower = word.ToLowerInvariant();
        // A "T" between a date and a time (ISO 8601) or right before digits.
        if (lower == "t")
        {
            _nextIsTime = true;
            return;
        }
        if (lower.Length > 1 && lower[0] == 't' && char.IsAsciiDigit(lower[1]))
        {
            _nextIsTime = true;
            _pos = start + 1;
            return;
        }
        int month = MonthNumber(lower);
        if (month != 0)
        {
            if (_pendingMonth != 0 || _f.HasDate)
                throw Syntax();
            _pendingMonth = month;
            return;
        }
        switch (lower)
        {
            case "am" or "a.m.": _ampm = 1; return;
            case "pm" or "p.m.": _ampm = 2; return;
            case "bc": _bc = true; return;
            case "ad": return;
            case "on" or "at": return;
            case "epoch": SetSpecial(SpecialValue.Epoch); return;
            case "infinity": SetSpecial(SpecialValue.Infinity); return;
            case "now": SetSpecial(SpecialValue.Now); return;
            case "today": SetSpecial(SpecialValue.Today); return;
            case "tomorrow": SetSpecial(SpecialValue.Tomorrow); return;
            case "yesterday": SetSpecial(SpecialValue.Yesterday); return;
            case "allballs":
                _f.HasTime = true;
                _f.ZoneOffset = 0;
                return;
        }
        if (IsDayName(lower))
            return;
        if (TimeZones.TryAbbreviation(lower, out int offset))
        {
            SetZoneOffset(offset);
            // "UTC+5" style: POSIX sign convention is not applied here; PostgreSQL rejects most of these.
            return;
        }
        if (TimeZones.TryFind(word, out var zone))
        {
            if (_f.ZoneOffset is not null || _f.Zone is not null)
                throw Syntax();
            _f.Zone = zone;
            return;
        }
        if (word.Contains('/', StringComparison.Ordinal))
            throw new PgErrorException(SqlState.InvalidParameterValue, $"time zone \"{lower}\" not recognized");
        throw Syntax();
    }

    private void SetSpecial(SpecialValue value)
    {
        if (_f.Special != SpecialValue.None)
            throw Syntax();
        _f.Special = value;
    }

    private void SetZoneOffset(int seconds)
    {
        if (_f.ZoneOffset is not null || _f.Zone is not null)
            throw Syntax();
        _f.ZoneOffset = seconds;
    }

    private void ReadSigned()
    {
        char sign = _s[_pos];
        if (_pos + 1 < _s.Length && char.IsAsciiLetter(_s[_pos + 1]))
        {
            int start = ++_pos;
            while (_pos < _s.Length && char.IsAsciiLetter(_s[_pos]))
                _pos++;
            string w = _s[start.._pos].ToLowerInvariant();
            if (w == "infinity" && sign == '-')
            {
                SetSpecial(SpecialValue.NegativeInfinity);
                return;
            }
            if (w == "infinity")
            {
                SetSpecial(SpecialValue.Infinity);
                return;
            }
            throw Syntax();
        }
        // A signed number after a time (or a date) is a zone offset: +05, +0530, +05:30, +05:30:15.
        if (!_f.HasTime && !_f.HasDate)
            throw Syntax();
        int s0 = ++_pos;
        while (_pos < _s.Length && (char.IsAsciiDigit(_s[_pos]) || _s[_pos] == ':'))
            _pos++;
        string body = _s[s0.._pos];
        if (body.Length == 0)
            throw Syntax();
        int h, m = 0, sec = 0;
        var parts = body.Split(':');
        if (parts.Length > 1)
        {
            if (parts.Length > 3 || Array.Exists(parts, p => p.Length == 0))
                throw Syntax();
            h = Int(parts[0]);
            m = Int(parts[1]);
            if (parts.Length == 3)
                sec = Int(parts[2]);
        }
        else if (body.Length <= 2)
        {
            h = Int(body);
        }
        else if (body.Length is 3 or 4)
        {
            h = Int(body[..^2]);
            m = Int(body[^2..]);
        }
        else if (body.Length is 5 or 6)
        {
            h = Int(body[..^4]);
            m = Int(body[^4..^2]);
            sec = Int(body[^2..]);
        }
        else
        {
            throw Syntax();
        }
        // datetime.c DecodeTimezone: hours beyond MAX_TZDISP_HOUR (15) are 22009.
        if (h > 15 || m >= 60 || sec >= 60)
            throw new PgErrorException(SqlState.InvalidTimeZoneDisplacementValue,
                $"time zone displacement out of range: \"{_s}\"");
        int total = (((h * 60) + m) * 60) + sec;
        SetZoneOffset(sign == '-' ? -total : total);
    }

    private void Finish()
    {
        if (_f.Special != SpecialValue.None)
        {
            if (_f.HasDate || _f.HasTime || _pendingMonth != 0 || _loose is not null)
                throw Syntax();
            return;
        }
        if (_pendingMonth != 0)
        {
            if (_loose is null || _loose.Count != 2)
                throw Syntax();
            var (x, xd) = _loose[0];
            var (y, yd) = _loose[1];
            // The field with more than two digits (or above 31) is the year.
            if (xd > 2 || x > 31)
                SetDate(x, _pendingMonth, y);
            else
                SetDate(y, _pendingMonth, x);
            _twoDigitYear = (xd > 2 || x > 31 ? xd : yd) <= 2;
            _loose = null;
        }
        if (_loose is not null)
            throw Syntax();
        if (_f.HasDate)
        {
            if (_bc)
            {
                if (_f.Year <= 0)
                    throw Range();
                _f.Year = -(_f.Year - 1);
            }
            else if (_twoDigitYear && _f.Year < 100)
            {
                _f.Year += _f.Year < 70 ? 2000 : 1900;
            }
            else if (_f.Year == 0)
            {
                throw Range();
            }
            if (_f.Month is < 1 or > 12 || _f.Day < 1 || _f.Day > PgCalendar.DaysInMonth(_f.Year, _f.Month))
                throw RangeWithHint();
        }
        else if (_bc)
        {
            throw Syntax();
        }
        if (_f.HasTime)
        {
            if (_ampm != 0)
            {
                if (_f.Hour is < 0 or > 12)
                    throw Range();
                if (_ampm == 1 && _f.Hour == 12)
                    _f.Hour = 0;
                else if (_ampm == 2 && _f.Hour != 12)
                    _f.Hour += 12;
            }
            if (_f.Hour > 24 || _f.Minute > 59 || _f.Second > 60 || _f.Micros > 1_000_000 ||
                (_f.Hour == 24 && (_f.Minute > 0 || _f.Second > 0 || _f.Micros > 0)))
                throw Range();
        }
        else if (_ampm != 0)
        {
            throw Syntax();
        }
    }

    private readonly PgErrorException RangeWithHint()
    {
        var e = Range();
        // datetime.c DateTimeParseError adds this hint for a bad month or day of a numeric date.
        return _f.Month > 12 || _order != DateOrder.Ymd
            ? new PgErrorException(e.SqlState, e.Message, hint: _f.Month > 12 ? "Perhaps you need a different \"datestyle\" setting." : null)
            : e;
    }

    private static bool IsDayName(string w) => w is "sun" or "mon" or "tue" or "tues" or "wed" or "wednesday" or "thu"
        or "thur" or "thurs" or "fri" or "sat" or "sunday" or "monday" or "tuesday" or "thursday" or "friday" or "saturday";

    public static int MonthNumber(string word) => word.ToLowerInvariant() switch
    {
        "jan" or "january" => 1,
        "feb" or "february" => 2,
        "mar" or "march" => 3,
        "apr" or "april" => 4,
        "may" => 5,
        "jun" or "june" => 6,
        "jul" or "july" => 7,
        "aug" or "august" => 8,
        "sep" or "sept" or "september" => 9,
        "oct" or "october" => 10,
        "nov" or "november" => 11,
        "dec" or "december" => 12,
        _ => 0,
    };
}

internal enum DateOrder
{
    Mdy,
    Dmy,
    Ymd,
}

using System.Globalization;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Sql;

/// <summary>
/// Quoted constants and identifiers (PostgreSQL manual, "String Constants", "String Constants With
/// C-Style Escapes", "String Constants With Unicode Escapes", "Bit-String Constants", "Identifiers and
/// Key Words"; scan.l states xq, xe, xus, xb, xh, xd, xui).
/// </summary>
internal static class PgStringLexer
{
    private enum Flavor
    {
        Standard,
        Escape,
        Unicode,
        Bit,
        Hex,
    }

    /// <summary>E'', B'', X'', N'', U&amp;'' and U&amp;"" start like identifiers; reads one when present.</summary>
    public static bool TryReadPrefixedLiteral(string sql, ref int i, out SqlToken token)
    {
        var prefix = char.ToLowerInvariant(sql[i]);
        var next = PgLexer.At(sql, i + 1);
        token = default;
        if (next == '\'' && prefix is 'e' or 'b' or 'x' or 'n')
        {
            var flavor = prefix switch
            {
                'e' => Flavor.Escape,
                'b' => Flavor.Bit,
                'x' => Flavor.Hex,
                _ => Flavor.Standard,
            };
            token = ReadString(sql, ref i, i + 1, flavor);
            return true;
        }

        if (prefix == 'u' && next == '&' && PgLexer.At(sql, i + 2) is '\'' or '"')
        {
            token = PgLexer.At(sql, i + 2) == '\''
                ? ReadString(sql, ref i, i + 2, Flavor.Unicode)
                : ReadUnicodeIdentifier(sql, ref i);
            return true;
        }

        return false;
    }

    public static SqlToken ReadStandardString(string sql, ref int i) => ReadString(sql, ref i, i, Flavor.Standard);

    public static SqlToken ReadQuotedIdentifier(string sql, ref int i)
    {
        var start = i;
        var name = ReadDelimited(sql, start, start, '"', out var end, "unterminated quoted identifier");
        if (name.Length == 0)
        {
            throw SqlSyntaxError.At(sql, start, end - start, "zero-length delimited identifier");
        }

        i = end;
        return new SqlToken(SqlTokenKind.QuotedIdentifier, start, end - start, name);
    }

    private static SqlToken ReadUnicodeIdentifier(string sql, ref int i)
    {
        var start = i;
        var raw = ReadDelimited(sql, start, start + 2, '"', out var end, "unterminated quoted identifier");
        if (raw.Length == 0)
        {
            throw SqlSyntaxError.At(sql, start, end - start, "zero-length delimited identifier");
        }

        var escape = ReadUescape(sql, ref end);
        i = end;
        return new SqlToken(SqlTokenKind.QuotedIdentifier, start, end - start, DecodeUnicodeEscapes(sql, start, raw, escape));
    }

    /// <summary>
    /// Text between <paramref name="quote"/> characters starting at <paramref name="quoteAt"/>, with doubled
    /// quotes undone. Backslashes are kept: only E'' strings treat them specially.
    /// </summary>
    private static string ReadDelimited(string sql, int tokenStart, int quoteAt, char quote, out int end, string unterminated)
    {
        var builder = new StringBuilder();
        var k = quoteAt + 1;
        while (true)
        {
            var close = sql.IndexOf(quote, k);
            if (close < 0)
            {
                throw SqlSyntaxError.At(sql, tokenStart, sql.Length - tokenStart, unterminated);
            }

            builder.Append(sql, k, close - k);
            if (PgLexer.At(sql, close + 1) == quote)
            {
                builder.Append(quote);
                k = close + 2;
                continue;
            }

            end = close + 1;
            return builder.ToString();
        }
    }

    private static SqlToken ReadString(string sql, ref int i, int quoteAt, Flavor flavor)
    {
        var start = i;
        var unterminated = flavor switch
        {
            Flavor.Bit => "unterminated bit string literal",
            Flavor.Hex => "unterminated hexadecimal string literal",
            _ => "unterminated quoted string",
        };
        var content = new StringBuilder();
        var segmentStarts = new List<int>();
        var k = quoteAt;
        int end;
        while (true)
        {
            segmentStarts.Add(content.Length);
            var segmentEnd = flavor switch
            {
                Flavor.Escape => ReadEscapeSegment(sql, start, k, content),
                Flavor.Bit or Flavor.Hex => ReadUndoubledSegment(sql, start, k, content, unterminated),
                _ => ReadDoubledSegment(sql, start, k, content, unterminated),
            };
            end = segmentEnd;
            var continuation = FindContinuation(sql, segmentEnd);
            if (continuation < 0)
            {
                break;
            }

            k = continuation;
        }

        switch (flavor)
        {
            case Flavor.Escape:
                i = end;
                return new SqlToken(SqlTokenKind.String, start, end - start, DecodeUtf8(content));
            case Flavor.Bit or Flavor.Hex:
                i = end;
                return new SqlToken(SqlTokenKind.BitString, start, end - start, sql[start..end]);
            case Flavor.Unicode:
                var escape = ReadUescape(sql, ref end);
                i = end;
                return new SqlToken(SqlTokenKind.String, start, end - start,
                    DecodeUnicodeEscapes(sql, start, content.ToString(), escape));
            default:
                i = end;
                return new SqlToken(SqlTokenKind.String, start, end - start, content.ToString());
        }
    }

    private static int ReadDoubledSegment(string sql, int tokenStart, int quoteAt, StringBuilder content, string unterminated)
    {
        content.Append(ReadDelimited(sql, tokenStart, quoteAt, '\'', out var end, unterminated));
        return end;
    }

    /// <summary>B'' and X'' do not undo doubled quotes (scan.l xbinside/xhinside stop at any quote).</summary>
    private static int ReadUndoubledSegment(string sql, int tokenStart, int quoteAt, StringBuilder content, string unterminated)
    {
        var close = sql.IndexOf('\'', quoteAt + 1);
        if (close < 0)
        {
            throw SqlSyntaxError.At(sql, tokenStart, sql.Length - tokenStart, unterminated);
        }

        content.Append(sql, quoteAt + 1, close - quoteAt - 1);
        return close + 1;
    }

    /// <summary>
    /// Two string constants separated only by whitespace with at least one newline are one constant
    /// (manual, "String Constants"; scan.l <c>quotecontinue</c>: <c>--</c> comments count as whitespace,
    /// <c>/* */</c> comments do not). Returns the offset of the continuing quote, or -1.
    /// </summary>
    private static int FindContinuation(string sql, int k)
    {
        var sawNewline = false;
        while (k < sql.Length)
        {
            var c = sql[k];
            if (c is '\n' or '\r')
            {
                sawNewline = true;
                k++;
            }
            else if (c is ' ' or '\t' or '\f' || (c == '\v' && sawNewline))
            {
                k++;
            }
            else if (c == '-' && PgLexer.At(sql, k + 1) == '-')
            {
                k = PgLexer.SkipLineComment(sql, k);
            }
            else
            {
                break;
            }
        }

        return sawNewline && PgLexer.At(sql, k) == '\'' ? k : -1;
    }

    /// <summary>
    /// One E'' segment. Escapes go in as UTF-8 bytes (octal and hex escapes give single bytes) so the
    /// whole value can be checked as UTF-8 at the end, as PostgreSQL does (manual, "String Constants With
    /// C-Style Escapes"). Characters are kept in the builder as Latin-1 byte values.
    /// </summary>
    private static int ReadEscapeSegment(string sql, int tokenStart, int quoteAt, StringBuilder bytes)
    {
        var k = quoteAt + 1;
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (k >= sql.Length)
            {
                throw SqlSyntaxError.At(sql, tokenStart, sql.Length - tokenStart, "unterminated quoted string");
            }

            var c = sql[k];
            if (c == '\'')
            {
                if (PgLexer.At(sql, k + 1) != '\'')
                {
                    return k + 1;
                }

                bytes.Append('\'');
                k += 2;
            }
            else if (c == '\\')
            {
                if (k + 1 >= sql.Length)
                {
                    throw SqlSyntaxError.At(sql, tokenStart, sql.Length - tokenStart, "unterminated quoted string");
                }

                k = AppendEscape(sql, k, bytes);
            }
            else
            {
                var rune = Rune.GetRuneAt(sql, k);
                var n = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..n])
                {
                    bytes.Append((char)b);
                }

                k += rune.Utf16SequenceLength;
            }
        }
    }

    /// <summary>Appends the escape starting at the backslash <paramref name="k"/>; returns the offset after it.</summary>
    private static int AppendEscape(string sql, int k, StringBuilder bytes)
    {
        var e = sql[k + 1];
        switch (e)
        {
            case 'b': bytes.Append('\b'); return k + 2;
            case 'f': bytes.Append('\f'); return k + 2;
            case 'n': bytes.Append('\n'); return k + 2;
            case 'r': bytes.Append('\r'); return k + 2;
            case 't': bytes.Append('\t'); return k + 2;
            case >= '0' and <= '7':
                {
                    var end = k + 1;
                    var value = 0;
                    while (end < k + 4 && PgLexer.At(sql, end) is >= '0' and <= '7')
                    {
                        value = (value * 8) + (sql[end] - '0');
                        end++;
                    }

                    bytes.Append((char)(value & 0xFF));
                    return end;
                }

            case 'x' when char.IsAsciiHexDigit(PgLexer.At(sql, k + 2)):
                {
                    var end = k + 2;
                    while (end < k + 4 && char.IsAsciiHexDigit(PgLexer.At(sql, end)))
                    {
                        end++;
                    }

                    bytes.Append((char)int.Parse(sql.AsSpan(k + 2, end - k - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    return end;
                }

            case 'u' or 'U':
                return AppendUnicodeEscape(sql, k, e == 'u' ? 4 : 8, bytes);
            default:
                bytes.Append(sql, k + 1, 1);
                return k + 2;
        }
    }

    private static int AppendUnicodeEscape(string sql, int k, int digits, StringBuilder bytes)
    {
        var code = ReadHex(sql, k + 2, digits)
            ?? throw new PgErrorException(SqlState.InvalidEscapeSequence, "invalid Unicode escape",
                hint: "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.")
            { Position = PgLexer.PositionOf(sql, k) };
        var end = k + 2 + digits;
        if (code is >= 0xD800 and <= 0xDBFF)
        {
            int? low = null;
            if (PgLexer.At(sql, end) == '\\' && PgLexer.At(sql, end + 1) is 'u' or 'U')
            {
                var lowDigits = sql[end + 1] == 'u' ? 4 : 8;
                low = ReadHex(sql, end + 2, lowDigits);
                end += 2 + lowDigits;
            }

            if (low is not (>= 0xDC00 and <= 0xDFFF))
            {
                throw SqlSyntaxError.At(sql, end, Math.Min(1, sql.Length - end), "invalid Unicode surrogate pair");
            }

            code = 0x10000 + ((code - 0xD800) << 10) + (low.Value - 0xDC00);
        }
        else if (code is >= 0xDC00 and <= 0xDFFF || code is 0 or > 0x10FFFF)
        {
            throw new PgErrorException(SqlState.SyntaxError, "invalid Unicode escape value") { Position = PgLexer.PositionOf(sql, k) };
        }

        Span<byte> utf8 = stackalloc byte[4];
        var n = new Rune(code).EncodeToUtf8(utf8);
        foreach (var b in utf8[..n])
        {
            bytes.Append((char)b);
        }

        return end;
    }

    private static int? ReadHex(string sql, int at, int digits)
    {
        if (at + digits > sql.Length)
        {
            return null;
        }

        var value = 0;
        for (var d = 0; d < digits; d++)
        {
            var h = sql[at + d];
            if (!char.IsAsciiHexDigit(h))
            {
                return null;
            }

            value = (value * 16) + HexValue(h);
        }

        return value;
    }

    private static int HexValue(char h) => h <= '9' ? h - '0' : (char.ToLowerInvariant(h) - 'a') + 10;

    /// <summary>
    /// Checks the E'' bytes as UTF-8 (server encoding UTF8); PostgreSQL rejects invalid sequences and NUL
    /// with 22021 naming the offending bytes (src/backend/utils/mb/mbutils.c, report_invalid_encoding).
    /// </summary>
    private static string DecodeUtf8(StringBuilder latin1Bytes)
    {
        var bytes = new byte[latin1Bytes.Length];
        for (var b = 0; b < bytes.Length; b++)
        {
            bytes[b] = (byte)latin1Bytes[b];
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes.AsSpan(offset), out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done || rune.Value == 0)
            {
                throw InvalidUtf8(bytes, offset);
            }

            offset += consumed;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static PgErrorException InvalidUtf8(byte[] bytes, int offset)
    {
        var lead = bytes[offset];
        var expected = lead switch
        {
            >= 0xF0 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        var shown = bytes.AsSpan(offset, Math.Min(expected, bytes.Length - offset)).ToArray()
            .Select(b => "0x" + b.ToString("x2", CultureInfo.InvariantCulture));
        return new PgErrorException(SqlState.CharacterNotInRepertoire,
            $"invalid byte sequence for encoding \"UTF8\": {string.Join(' ', shown)}");
    }

    /// <summary>
    /// The optional <c>UESCAPE 'c'</c> after a U&amp; literal or identifier (manual, "String Constants With
    /// Unicode Escapes"); moves <paramref name="end"/> past it when present. The default escape is backslash.
    /// </summary>
    private static char ReadUescape(string sql, ref int end)
    {
        var k = PgLexer.SkipWhitespaceAndComments(sql, end);
        if (k + 7 > sql.Length || !sql.AsSpan(k, 7).Equals("uescape", StringComparison.OrdinalIgnoreCase)
            || (k + 7 < sql.Length && PgLexer.IsIdentCont(sql[k + 7])))
        {
            return '\\';
        }

        var q = PgLexer.SkipWhitespaceAndComments(sql, k + 7);
        if (PgLexer.At(sql, q) != '\'' || PgLexer.At(sql, q + 2) != '\'' || q + 2 >= sql.Length)
        {
            throw q >= sql.Length
                ? SqlSyntaxError.AtEnd(sql, "UESCAPE must be followed by a simple string literal")
                : SqlSyntaxError.At(sql, q, 1, "UESCAPE must be followed by a simple string literal");
        }

        var escape = sql[q + 1];
        if (char.IsAsciiHexDigit(escape) || escape is '+' or '\'' or '"' || PgLexer.IsSpace(escape))
        {
            throw SqlSyntaxError.At(sql, q, 3, "invalid Unicode escape character");
        }

        end = q + 3;
        return escape;
    }

    /// <summary>Undoes U&amp; escapes: <c>\XXXX</c>, <c>\+XXXXXX</c> and a doubled escape character.</summary>
    private static string DecodeUnicodeEscapes(string sql, int tokenStart, string raw, char escape)
    {
        var builder = new StringBuilder(raw.Length);
        for (var k = 0; k < raw.Length; k++)
        {
            if (raw[k] != escape)
            {
                builder.Append(raw[k]);
                continue;
            }

            if (k + 1 < raw.Length && raw[k + 1] == escape)
            {
                builder.Append(escape);
                k++;
                continue;
            }

            var plus = k + 1 < raw.Length && raw[k + 1] == '+';
            var digits = plus ? 6 : 4;
            var code = ReadHex(raw, k + (plus ? 2 : 1), digits);
            if (code is null or 0 or > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            {
                throw new PgErrorException(SqlState.SyntaxError, "invalid Unicode escape",
                    hint: "Unicode escapes must be \\XXXX or \\+XXXXXX.")
                { Position = PgLexer.PositionOf(sql, tokenStart) };
            }

            builder.Append(char.ConvertFromUtf32(code.Value));
            k += digits + (plus ? 1 : 0);
        }

        return builder.ToString();
    }
}

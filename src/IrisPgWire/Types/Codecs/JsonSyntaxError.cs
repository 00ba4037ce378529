using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Describes why text is not JSON the way PostgreSQL's JSON parser does (src/common/jsonapi.c,
/// json_errdetail and report_json_context): which token was wrong or what was expected, and a CONTEXT
/// line showing the input up to the error.
/// </summary>
internal static class JsonSyntaxError
{
    public static PgErrorException Describe(string text)
    {
        var scanner = new Scanner(text);
        string detail;
        try
        {
            scanner.Value();
            scanner.SkipSpace();
            detail = scanner.AtEnd ? "The input string ended unexpectedly." : Expected("end of input", scanner);
        }
        catch (JsonProblem problem)
        {
            detail = problem.Message;
        }
        return new PgErrorException(SqlState.InvalidTextRepresentation, "invalid input syntax for type json", detail)
        {
            Context = scanner.Context(),
        };
    }

    private static string Expected(string what, Scanner scanner) =>
        $"Expected {what}, but found \"{scanner.TokenText()}\".";

    private sealed class JsonProblem(string message) : Exception(message);

    private sealed class Scanner(string text)
    {
        private int _pos;
        private int _tokenEnd;

        public bool AtEnd => _pos >= text.Length;

        public void SkipSpace()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\n' or '\r')
                _pos++;
        }

        public void Value()
        {
            SkipSpace();
            if (AtEnd)
                throw new JsonProblem("The input string ended unexpectedly.");
            switch (text[_pos])
            {
                case '{':
                    _pos++;
                    SkipSpace();
                    if (Peek('}'))
                        return;
                    while (true)
                    {
                        SkipSpace();
                        if (AtEnd)
                            throw new JsonProblem("The input string ended unexpectedly.");
                        if (text[_pos] != '"')
                        {
                            throw Unexpected("string");
                        }
                        String();
                        SkipSpace();
                        if (AtEnd)
                            throw new JsonProblem("The input string ended unexpectedly.");
                        if (text[_pos] != ':')
                        {
                            throw Unexpected("\":\"");
                        }
                        _pos++;
                        Value();
                        SkipSpace();
                        if (AtEnd)
                            throw new JsonProblem("The input string ended unexpectedly.");
                        if (Peek('}'))
                            return;
                        if (text[_pos] != ',')
                        {
                            throw Unexpected("\",\" or \"}\"");
                        }
                        _pos++;
                    }
                case '[':
                    _pos++;
                    SkipSpace();
                    if (Peek(']'))
                        return;
                    while (true)
                    {
                        Value();
                        SkipSpace();
                        if (AtEnd)
                            throw new JsonProblem("The input string ended unexpectedly.");
                        if (Peek(']'))
                            return;
                        if (text[_pos] != ',')
                        {
                            throw Unexpected("\",\" or \"]\"");
                        }
                        _pos++;
                    }
                case '"':
                    String();
                    return;
                default:
                    var start = _pos;
                    CheckToken();
                    var word = text[start.._tokenEnd];
                    if (word is "true" or "false" or "null" || IsNumber(word))
                    {
                        _pos = _tokenEnd;
                        return;
                    }
                    if (word.Length == 0)
                        throw new JsonProblem(Expected("JSON value", this));
                    throw new JsonProblem($"Token \"{word}\" is invalid.");
            }
        }

        /// <summary>
        /// The lexer judges a token before the grammar does: a word that is no JSON token is "invalid";
        /// a valid token in the wrong place is "Expected ..., but found ...".
        /// </summary>
        private JsonProblem Unexpected(string expected)
        {
            CheckToken();
            var word = TokenText();
            var isToken = (word.Length == 1 && word[0] is ',' or ':' or '[' or ']' or '{' or '}' or '"') ||
                          word is "true" or "false" or "null" || IsNumber(word);
            return new JsonProblem(isToken ? Expected(expected, this) : $"Token \"{word}\" is invalid.");
        }

        private bool Peek(char c)
        {
            if (_pos < text.Length && text[_pos] == c)
            {
                _pos++;
                return true;
            }
            return false;
        }

        private void String()
        {
            _pos++;
            while (_pos < text.Length && text[_pos] != '"')
                _pos += text[_pos] == '\\' ? 2 : 1;
            if (_pos >= text.Length)
            {
                _tokenEnd = text.Length;
                throw new JsonProblem("The input string ended unexpectedly.");
            }
            _pos++;
        }

        /// <summary>The token at the current position: a run of characters up to a delimiter, or one character.</summary>
        private void CheckToken()
        {
            var end = _pos;
            while (end < text.Length && !(text[end] is ' ' or '\t' or '\n' or '\r' or ',' or ':' or '[' or ']' or '{' or '}' or '"'))
                end++;
            _tokenEnd = end == _pos ? Math.Min(_pos + 1, text.Length) : end;
        }

        public string TokenText() => text[_pos..Math.Max(_pos, _tokenEnd)];

        private static bool IsNumber(string word) =>
            word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] == '-') &&
            double.TryParse(word, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

        /// <summary>"JSON data, line N: " and the input's current line up to the end of the bad token, "..." when more follows.</summary>
        public string Context()
        {
            var end = Math.Clamp(Math.Max(_pos, _tokenEnd), 0, text.Length);
            var lineStart = text.LastIndexOf('\n', Math.Max(0, end - 1)) + 1;
            if (end == 0)
                lineStart = 0;
            var line = 1 + text.AsSpan(0, lineStart).Count('\n');
            var sb = new StringBuilder($"JSON data, line {line}: ");
            sb.Append(text, lineStart, end - lineStart);
            if (end < text.Length)
                sb.Append("...");
            return sb.ToString();
        }
    }
}

using System.Text;

namespace IrisPgWire.Types.Codecs;

/// <summary>Parses array_in's text form into nested lists of canonical element values (null for NULL).</summary>
internal sealed class ArrayText(string text, ArrayCodec codec, int modifier)
{
    private int _pos;

    public List<object?> Parse()
    {
        SkipSpace();
        if (_pos >= text.Length || text[_pos] != '{')
            throw codec.Malformed(text, text.TrimStart().StartsWith('[')
                ? "Array bounds other than the default are not supported here."
                : "Array value must start with \"{\" or dimension information.");
        var root = Level();
        SkipSpace();
        if (_pos < text.Length)
            throw codec.Malformed(text, "Junk after closing right brace.");
        CheckRectangular(root);
        return root;
    }

    private List<object?> Level()
    {
        _pos++;
        var list = new List<object?>();
        SkipSpace();
        if (Peek('}'))
        {
            _pos++;
            return list;
        }
        while (true)
        {
            SkipSpace();
            if (_pos >= text.Length)
                throw codec.Malformed(text, "Unexpected end of input.");
            list.Add(text[_pos] == '{' ? Level() : Element());
            SkipSpace();
            if (_pos >= text.Length)
                throw codec.Malformed(text, "Unexpected end of input.");
            var c = text[_pos++];
            if (c == '}')
                return list;
            if (c != ',')
                throw codec.Malformed(text, $"Unexpected \"{c}\" character.");
        }
    }

    private object? Element()
    {
        var sb = new StringBuilder();
        if (text[_pos] == '"')
        {
            _pos++;
            while (_pos < text.Length && text[_pos] != '"')
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length)
                    _pos++;
                sb.Append(text[_pos++]);
            }
            if (_pos >= text.Length)
                throw codec.Malformed(text, "Unexpected end of input.");
            _pos++;
            return codec.ParseElement(sb.ToString(), modifier);
        }
        var sawEscape = false;
        while (_pos < text.Length && text[_pos] is not (',' or '}' or '{' or '"'))
        {
            if (text[_pos] == '\\' && _pos + 1 < text.Length)
            {
                _pos++;
                sawEscape = true;
            }
            sb.Append(text[_pos++]);
        }
        if (_pos < text.Length && text[_pos] is '{' or '"')
            throw codec.Malformed(text, $"Unexpected \"{text[_pos]}\" character.");
        var value = sb.ToString().Trim();
        if (value.Length == 0)
            throw codec.Malformed(text, $"Unexpected \"{(_pos < text.Length ? text[_pos] : ' ')}\" character.");
        if (!sawEscape && string.Equals(value, "NULL", StringComparison.OrdinalIgnoreCase))
            return null;
        return codec.ParseElement(value, modifier);
    }

    private void CheckRectangular(List<object?> root)
    {
        static int Depth(object? node) => node is List<object?> { Count: > 0 } list ? 1 + Depth(list[0]) : node is List<object?> ? 1 : 0;
        void Check(List<object?> list, int depth)
        {
            var expected = list.Count > 0 && list[0] is List<object?> first ? first.Count : -1;
            foreach (var item in list)
            {
                var isList = item is List<object?>;
                if (isList != (depth > 1) || (item is List<object?> inner && inner.Count != expected))
                    throw codec.Malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.");
                if (item is List<object?> sub)
                    Check(sub, depth - 1);
            }
        }
        Check(root, Depth(root));
    }

    private bool Peek(char c) => _pos < text.Length && text[_pos] == c;

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            _pos++;
    }
}

using System.Globalization;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// The structure of an array's text form (src/backend/utils/adt/arrayfuncs.c, array_in and array_out):
/// optional <c>[lb:ub]...=</c> bounds, nested braces that must be rectangular, elements separated by the
/// delimiter, double-quoted or bare, backslash escapes in both, bare <c>NULL</c> for a null element.
/// </summary>
internal sealed class ArrayLiteral
{
    private ArrayLiteral(int[] dims, int[] lowerBounds, List<string?> elements)
    {
        Dims = dims;
        LowerBounds = lowerBounds;
        Elements = elements;
    }

    public int[] Dims { get; }
    public int[] LowerBounds { get; }

    /// <summary>Element texts in row-major order; null for SQL NULL.</summary>
    public List<string?> Elements { get; }

    public static ArrayLiteral Create(int[] dims, int[] lowerBounds, List<string?> elements) =>
        new(dims, lowerBounds, elements);

    public static ArrayLiteral Parse(string text, char delimiter = ',')
    {
        int i = 0;
        void SkipSpace()
        {
            while (i < text.Length && IsSpace(text[i]))
                i++;
        }

        PgErrorException Malformed(string detail) =>
            new(SqlState.InvalidTextRepresentation, $"malformed array literal: \"{text}\"", detail);

        SkipSpace();
        List<int>? explicitLb = null, explicitUb = null;
        while (i < text.Length && text[i] == '[')
        {
            explicitLb ??= [];
            explicitUb ??= [];
            i++;
            int lb = 1;
            int ub = ReadInt(text, ref i) ?? throw Malformed("\"[\" must introduce explicitly-specified array dimensions.");
            if (i < text.Length && text[i] == ':')
            {
                i++;
                lb = ub;
                ub = ReadInt(text, ref i) ?? throw Malformed("Missing array dimension value.");
            }
            if (i >= text.Length || text[i] != ']')
                throw Malformed("Missing \"]\" after array dimensions.");
            i++;
            if (ub < lb)
                throw new PgErrorException(SqlState.ArraySubscriptError, "upper bound cannot be less than lower bound");
            explicitLb.Add(lb);
            explicitUb.Add(ub);
        }
        if (explicitLb is not null)
        {
            SkipSpace();
            if (i >= text.Length || text[i] != '=')
                throw Malformed("Missing \"=\" after array dimensions.");
            i++;
            SkipSpace();
        }
        if (i >= text.Length || text[i] != '{')
            throw Malformed("Array value must start with \"{\" or dimension information.");

        var elements = new List<string?>();
        var dims = new List<int>();
        var counts = new List<int>();
        int depth = 0;
        int ndim = -1;
        bool expectElement = true, lastWasClose = false, empty = false;
        var sb = new StringBuilder();
        while (true)
        {
            SkipSpace();
            if (i >= text.Length)
                throw Malformed("Unexpected end of input.");
            char c = text[i];
            if (c == '{')
            {
                if (!expectElement || (ndim >= 0 && depth >= ndim))
                    throw Malformed("Unexpected \"{\" character.");
                depth++;
                if (counts.Count < depth)
                    counts.Add(0);
                counts[depth - 1] = 0;
                i++;
                lastWasClose = false;
                expectElement = true;
                continue;
            }
            if (c == '}')
            {
                if (ndim < 0)
                {
                    ndim = depth;
                    if (counts[depth - 1] == 0 && elements.Count == 0 && depth == 1)
                        empty = true;
                }
                if (expectElement && counts[depth - 1] > 0)
                    throw Malformed("Unexpected \"}\" character.");
                if (!empty && counts[depth - 1] == 0)
                    throw Malformed("Unexpected \"}\" character.");
                Register(dims, depth - 1, counts[depth - 1], Malformed);
                depth--;
                i++;
                lastWasClose = true;
                expectElement = false;
                if (depth == 0)
                    break;
                counts[depth - 1]++;
                continue;
            }
            if (c == delimiter)
            {
                if (expectElement)
                    throw Malformed($"Unexpected \"{delimiter}\" character.");
                i++;
                expectElement = true;
                lastWasClose = false;
                continue;
            }
            if (!expectElement || lastWasClose || (ndim >= 0 && depth != ndim))
                throw Malformed(lastWasClose || !expectElement ? "Unexpected array element." : "Unexpected array element.");
            if (ndim < 0)
                ndim = depth;
            elements.Add(ReadElement(text, ref i, delimiter, sb, Malformed));
            counts[depth - 1]++;
            expectElement = false;
        }
        SkipSpace();
        if (i != text.Length)
            throw Malformed("Junk after closing right brace.");

        int[] dimArr = empty ? [] : [.. dims];
        int[] lbArr = new int[dimArr.Length];
        Array.Fill(lbArr, 1);
        if (explicitLb is not null)
        {
            if (empty)
                return new([], [], elements);
            if (explicitLb.Count != dimArr.Length)
                throw Malformed("Specified array dimensions do not match array contents.");
            for (int d = 0; d < dimArr.Length; d++)
            {
                if (explicitUb![d] - explicitLb[d] + 1 != dimArr[d])
                    throw Malformed("Specified array dimensions do not match array contents.");
                lbArr[d] = explicitLb[d];
            }
        }
        return new(dimArr, lbArr, elements);
    }

    private static void Register(List<int> dims, int level, int count, Func<string, PgErrorException> malformed)
    {
        while (dims.Count <= level)
            dims.Add(-1);
        if (dims[level] == -1)
            dims[level] = count;
        else if (dims[level] != count)
            throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
    }

    private static int? ReadInt(string s, ref int i)
    {
        int start = i;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
            i++;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            i++;
        return int.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v : null;
    }

    private static string? ReadElement(string s, ref int i, char delimiter, StringBuilder sb,
        Func<string, PgErrorException> malformed)
    {
        sb.Clear();
        bool quotedAny = false, escapedAny = false;
        int lastSignificant = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '"')
            {
                quotedAny = true;
                i++;
                while (true)
                {
                    if (i >= s.Length)
                        throw malformed("Unexpected end of input.");
                    c = s[i];
                    if (c == '\\')
                    {
                        if (++i >= s.Length)
                            throw malformed("Unexpected end of input.");
                        sb.Append(s[i++]);
                        continue;
                    }
                    i++;
                    if (c == '"')
                        break;
                    sb.Append(c);
                }
                lastSignificant = sb.Length;
                continue;
            }
            if (c == '\\')
            {
                if (++i >= s.Length)
                    throw malformed("Unexpected end of input.");
                sb.Append(s[i++]);
                escapedAny = true;
                lastSignificant = sb.Length;
                continue;
            }
            if (c == delimiter || c == '}')
                break;
            if (c == '{')
                throw malformed("Unexpected \"{\" character.");
            if (quotedAny && !IsSpace(c))
                throw malformed("Unexpected array element.");
            sb.Append(c);
            if (!IsSpace(c))
                lastSignificant = sb.Length;
            i++;
        }
        // Unquoted trailing whitespace is not part of the element.
        sb.Length = lastSignificant;
        string value = sb.ToString();
        if (!quotedAny && !escapedAny && value.Equals("NULL", StringComparison.OrdinalIgnoreCase))
            return null;
        return value;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    /// <summary>array_out: the bounds prefix when a lower bound is not 1, braces, quoting where needed.</summary>
    public string Format(char delimiter = ',')
    {
        var sb = new StringBuilder();
        if (Dims.Length == 0)
            return "{}";
        if (Array.Exists(LowerBounds, lb => lb != 1))
        {
            for (int d = 0; d < Dims.Length; d++)
            {
                sb.Append('[').Append(LowerBounds[d].ToString(CultureInfo.InvariantCulture)).Append(':')
                    .Append((LowerBounds[d] + Dims[d] - 1).ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            sb.Append('=');
        }
        int index = 0;
        AppendLevel(sb, 0, ref index, delimiter);
        return sb.ToString();
    }

    private void AppendLevel(StringBuilder sb, int level, ref int index, char delimiter)
    {
        sb.Append('{');
        for (int k = 0; k < Dims[level]; k++)
        {
            if (k > 0)
                sb.Append(delimiter);
            if (level + 1 < Dims.Length)
                AppendLevel(sb, level + 1, ref index, delimiter);
            else
                AppendElement(sb, Elements[index++], delimiter);
        }
        sb.Append('}');
    }

    private static void AppendElement(StringBuilder sb, string? e, char delimiter)
    {
        if (e is null)
        {
            sb.Append("NULL");
            return;
        }
        bool quote = e.Length == 0 || e.Equals("NULL", StringComparison.OrdinalIgnoreCase);
        foreach (char c in e)
        {
            if (c is '"' or '\\' or '{' or '}' || c == delimiter || IsSpace(c))
            {
                quote = true;
                break;
            }
        }
        if (!quote)
        {
            sb.Append(e);
            return;
        }
        sb.Append('"');
        foreach (char c in e)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }
}

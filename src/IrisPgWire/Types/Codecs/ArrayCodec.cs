using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Arrays of any type that has a codec: the text form <c>{1,2,NULL,"a b"}</c> with nesting for more
/// dimensions (arrayfuncs.c, array_in/array_out) and the binary form (array_send/array_recv). The
/// canonical value is the text output with default settings; output re-renders the elements with the
/// session's settings.
/// </summary>
internal sealed class ArrayCodec(PgType arrayType, PgType elementType) : PgCodec(arrayType)
{
    private IPgCodec? _elementCodec;

    /// <summary>Looked up on first use: the codec table is still being built when array codecs are made.</summary>
    private IPgCodec Element => _elementCodec ??= PgCodecs.For(elementType);

    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = DecodeUtf8(utf8);
        var root = new ArrayText(text, this, modifier).Parse();
        return Render(root, PgFormatSettings.Default);
    }

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var text = (string)value;
        WriteUtf8(output, settings == PgFormatSettings.Default ? text : Render(new ArrayText(text, this, -1).Parse(), settings));
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length < 12)
            throw InsufficientData();
        var ndim = BinaryPrimitives.ReadInt32BigEndian(data);
        var elementOid = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        if (ndim is < 0 or > 6)
            throw new PgErrorException(SqlState.InvalidBinaryRepresentation, $"invalid number of dimensions: {ndim}");
        if (elementOid != elementType.Oid)
            throw new PgErrorException(SqlState.DatatypeMismatch, "wrong element type");
        var offset = 12;
        var lengths = new int[ndim];
        for (var i = 0; i < ndim; i++)
        {
            lengths[i] = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            offset += 8;
        }
        var root = ndim == 0 ? new List<object?>() : ReadLevel(data, ref offset, lengths, 0, modifier);
        return Render(root, PgFormatSettings.Default);
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var root = new ArrayText((string)value, this, -1).Parse();
        var dims = new List<int>();
        for (object? level = root; level is List<object?> list; level = list.Count > 0 ? list[0] : null)
        {
            dims.Add(list.Count);
            if (list.Count == 0)
                break;
        }
        if (dims is [0])
            dims.Clear();
        var hasNull = Leaves(root).Any(v => v is null);
        var header = output.GetSpan(12 + 8 * dims.Count);
        BinaryPrimitives.WriteInt32BigEndian(header, dims.Count);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], hasNull ? 1 : 0);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], elementType.Oid);
        for (var i = 0; i < dims.Count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header[(12 + 8 * i)..], dims[i]);
            BinaryPrimitives.WriteInt32BigEndian(header[(16 + 8 * i)..], 1);
        }
        output.Advance(12 + 8 * dims.Count);
        var element = new ArrayBufferWriter<byte>();
        foreach (var leaf in Leaves(root))
        {
            if (leaf is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), -1);
                output.Advance(4);
                continue;
            }
            element.ResetWrittenCount();
            Element.FormatBinary(leaf, element);
            BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), element.WrittenCount);
            output.Advance(4);
            output.Write(element.WrittenSpan);
        }
    }

    /// <summary>One element's text, checked and made canonical by the element type with the column's modifier.</summary>
    internal object ParseElement(string text, int modifier) => Element.ParseText(Encoding.UTF8.GetBytes(text), modifier, PgFormatSettings.Default);

    private List<object?> ReadLevel(ReadOnlySpan<byte> data, ref int offset, int[] lengths, int depth, int modifier)
    {
        var list = new List<object?>(lengths[depth]);
        for (var i = 0; i < lengths[depth]; i++)
        {
            if (depth + 1 < lengths.Length)
            {
                list.Add(ReadLevel(data, ref offset, lengths, depth + 1, modifier));
                continue;
            }
            var length = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            offset += 4;
            if (length < 0)
            {
                list.Add(null);
                continue;
            }
            list.Add(Element.ParseBinary(data.Slice(offset, length), modifier));
            offset += length;
        }
        return list;
    }

    private static IEnumerable<object?> Leaves(object? node)
    {
        if (node is List<object?> list)
        {
            foreach (var item in list)
                foreach (var leaf in Leaves(item))
                    yield return leaf;
        }
        else
        {
            yield return node;
        }
    }

    /// <summary>array_out: braces, commas, NULL, and quotes around elements that need them.</summary>
    private string Render(List<object?> root, PgFormatSettings settings)
    {
        var sb = new StringBuilder();
        var buffer = new ArrayBufferWriter<byte>();
        void Write(List<object?> list)
        {
            sb.Append('{');
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0)
                    sb.Append(',');
                switch (list[i])
                {
                    case List<object?> inner:
                        Write(inner);
                        break;
                    case null:
                        sb.Append("NULL");
                        break;
                    case var value:
                        buffer.ResetWrittenCount();
                        Element.FormatText(value, buffer, settings);
                        AppendElement(sb, Encoding.UTF8.GetString(buffer.WrittenSpan));
                        break;
                }
            }
            sb.Append('}');
        }
        Write(root);
        return sb.ToString();
    }

    private static void AppendElement(StringBuilder sb, string text)
    {
        var quote = text.Length == 0 || string.Equals(text, "NULL", StringComparison.OrdinalIgnoreCase) ||
                    text.Any(c => c is '{' or '}' or ',' or '"' or '\\' or ' ' or '\t' or '\n' or '\r' or '\v' or '\f');
        if (!quote)
        {
            sb.Append(text);
            return;
        }
        sb.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }

    internal PgErrorException Malformed(string text, string detail) =>
        new(SqlState.InvalidTextRepresentation, $"malformed array literal: \"{text}\"", detail);
}

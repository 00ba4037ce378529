using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// Arrays of any catalogue type. The canonical value is the array's text with every element in its
/// canonical text form. Binary is array_send's layout (src/backend/utils/adt/arrayfuncs.c): ndim,
/// has-null flag, element OID, (size, lower bound) per dimension, then each element with an int32
/// length (-1 for NULL).
/// </summary>
internal sealed class ArrayCodec : IPgCodec
{
    private readonly PgType _element;
    private readonly IPgCodec _codec;

    public ArrayCodec(PgType element, IPgCodec codec)
    {
        _element = element;
        _codec = codec;
    }

    public object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var literal = ArrayLiteral.Parse(Utf8Input.Decode(utf8));
        var elements = literal.Elements;
        for (int k = 0; k < elements.Count; k++)
        {
            if (elements[k] is { } e)
                elements[k] = Canonical(_codec.ParseText(Encoding.UTF8.GetBytes(e), modifier, settings));
        }
        return literal.Format();
    }

    private string Canonical(object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _codec.FormatText(value, buffer, PgFormatSettings.Default);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length < 12)
            CodecErrors.InsufficientBinaryData();
        int ndim = BinaryPrimitives.ReadInt32BigEndian(data);
        int flags = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        uint elemOid = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        if (ndim is < 0 or > 6)
            CodecErrors.BinaryFormat($"invalid number of dimensions: {ndim}");
        if (flags is not 0 and not 1)
            CodecErrors.BinaryFormat("invalid array flags");
        if (elemOid != _element.Oid)
            throw new PgErrorException(SqlState.DatatypeMismatch,
                $"binary data has array element type {elemOid} ({FormatOid(elemOid)}) instead of expected {_element.Oid} ({_element.Name})");
        int pos = 12;
        var dims = new int[ndim];
        var lbs = new int[ndim];
        long count = ndim == 0 ? 0 : 1;
        for (int d = 0; d < ndim; d++)
        {
            if (data.Length < pos + 8)
                CodecErrors.InsufficientBinaryData();
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(data[pos..]);
            lbs[d] = BinaryPrimitives.ReadInt32BigEndian(data[(pos + 4)..]);
            pos += 8;
            count *= dims[d];
            if (dims[d] < 0 || count > data.Length)
                CodecErrors.BinaryFormat("array size exceeds the maximum allowed");
        }
        var elements = new List<string?>((int)count);
        for (long k = 0; k < count; k++)
        {
            if (data.Length < pos + 4)
                CodecErrors.InsufficientBinaryData();
            int len = BinaryPrimitives.ReadInt32BigEndian(data[pos..]);
            pos += 4;
            if (len == -1)
            {
                elements.Add(null);
                continue;
            }
            if (len < 0 || data.Length < pos + len)
                CodecErrors.InsufficientBinaryData();
            elements.Add(Canonical(_codec.ParseBinary(data.Slice(pos, len), modifier)));
            pos += len;
        }
        if (pos != data.Length)
            CodecErrors.ExtraBinaryData();
        if (count == 0)
            return "{}";
        return ArrayLiteral.Create(dims, lbs, elements).Format();
    }

    private static string FormatOid(uint oid) =>
        PgTypeCatalog.TryGetByOid(oid, out var t) ? t.Name : "-";

    public void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        string s = (string)value;
        if (settings == PgFormatSettings.Default || !NeedsSettings())
        {
            Utf8Input.WriteString(output, s);
            return;
        }
        var literal = ArrayLiteral.Parse(s);
        var elements = literal.Elements;
        var buffer = new ArrayBufferWriter<byte>();
        for (int k = 0; k < elements.Count; k++)
        {
            if (elements[k] is not { } e)
                continue;
            buffer.ResetWrittenCount();
            _codec.FormatText(_codec.ParseText(Encoding.UTF8.GetBytes(e), -1, PgFormatSettings.Default), buffer, settings);
            elements[k] = Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        Utf8Input.WriteString(output, literal.Format());
    }

    // Only the element types whose output depends on session settings need re-printing.
    private bool NeedsSettings() => _element.Category is 'D' or 'T' or 'N' || _element.Oid == PgTypeCatalog.Bytea.Oid;

    public void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var literal = ArrayLiteral.Parse((string)value);
        int ndim = literal.Dims.Length;
        bool hasNull = literal.Elements.Contains(null);
        var head = output.GetSpan(12 + (8 * ndim));
        BinaryPrimitives.WriteInt32BigEndian(head, ndim);
        BinaryPrimitives.WriteInt32BigEndian(head[4..], hasNull ? 1 : 0);
        BinaryPrimitives.WriteUInt32BigEndian(head[8..], _element.Oid);
        for (int d = 0; d < ndim; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(head[(12 + (8 * d))..], literal.Dims[d]);
            BinaryPrimitives.WriteInt32BigEndian(head[(16 + (8 * d))..], literal.LowerBounds[d]);
        }
        output.Advance(12 + (8 * ndim));
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var e in literal.Elements)
        {
            if (e is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), -1);
                output.Advance(4);
                continue;
            }
            buffer.ResetWrittenCount();
            _codec.FormatBinary(_codec.ParseText(Encoding.UTF8.GetBytes(e), -1, PgFormatSettings.Default), buffer);
            var span = output.GetSpan(4 + buffer.WrittenCount);
            BinaryPrimitives.WriteInt32BigEndian(span, buffer.WrittenCount);
            buffer.WrittenSpan.CopyTo(span[4..]);
            output.Advance(4 + buffer.WrittenCount);
        }
    }

    public object Coerce(object value, int modifier)
    {
        switch (value)
        {
            case string s:
                return ParseText(Encoding.UTF8.GetBytes(s), modifier, PgFormatSettings.Default);
            case System.Collections.IEnumerable list when value is not byte[]:
            {
                var elements = new List<string?>();
                foreach (var item in list)
                    elements.Add(item is null or DBNull ? null : Canonical(_codec.Coerce(item, modifier)));
                return elements.Count == 0 ? "{}" : ArrayLiteral.Create([elements.Count], [1], elements).Format();
            }
            default:
                return CodecErrors.CannotCoerceTo(value, _element.Name + "[]");
        }
    }
}

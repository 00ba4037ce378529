using System.Buffers;
using System.Buffers.Binary;
using IrisPgWire.Errors;

namespace IrisPgWire.Copy;

/// <summary>
/// Reads COPY's binary format however CopyData splits it (PostgreSQL manual, "COPY", Binary Format;
/// copyfromparse.c): the PGCOPY signature, flags and header extension, then tuples of length-prefixed
/// fields (-1 for NULL) until the -1 trailer. A tuple is handed over only once all of it has arrived.
/// </summary>
internal sealed class CopyBinaryReader
{
    /// <summary>Called with each tuple's fields (null for NULL) and its 1-based tuple number.</summary>
    public delegate void TupleHandler(ReadOnlySpan<byte> tuple, int fieldCount, long tupleNumber);

    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private readonly int _expectedFields;
    private readonly CopyInputBuffer _input = new();
    private bool _headerRead;

    public CopyBinaryReader(int expectedFields) => _expectedFields = expectedFields;

    public long TupleNumber { get; private set; }

    public bool Ended { get; private set; }

    /// <summary>True once the header was read: errors before that have no COPY context, as in PostgreSQL.</summary>
    public bool HeaderRead => _headerRead;

    /// <summary>When input stopped inside a tuple: the field being read (-1 for its field count).</summary>
    public int IncompleteField { get; private set; } = -1;

    public void Feed(ReadOnlySpan<byte> data, TupleHandler handler)
    {
        if (data.IsEmpty)
            return;
        if (Ended)
            throw Error("received copy data after EOF marker");
        Append(data);
        Process(handler);
    }

    /// <summary>
    /// The input ended: a missing trailer is accepted between tuples, as PostgreSQL accepts end of data
    /// there (copyfromparse.c, NextCopyFrom); ending inside the header or a tuple is an error.
    /// </summary>
    public void Complete(TupleHandler handler)
    {
        Process(handler);
        if (Ended)
            return;
        if (!_headerRead)
        {
            var have = _input.Length;
            throw Error(have < Signature.Length ? "COPY file signature not recognized"
                : have < Signature.Length + 4 ? "invalid COPY file header (missing flags)"
                : have < Signature.Length + 8 ? "invalid COPY file header (missing length)"
                : "invalid COPY file header (wrong length)");
        }
        if (_input.Length > 0)
        {
            TupleNumber++;
            throw Error("unexpected EOF in COPY data");
        }
    }

    public void Release() => _input.Release();

    /// <summary>The bytes of one field inside a tuple span: its length prefix says where it ends; -1 means NULL.</summary>
    public static int ReadField(ReadOnlySpan<byte> tuple, ref int offset, out ReadOnlySpan<byte> value)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(tuple[offset..]);
        offset += 4;
        if (length < 0)
        {
            value = default;
            return -1;
        }
        value = tuple.Slice(offset, length);
        offset += length;
        return length;
    }

    private void Process(TupleHandler handler)
    {
        if (!_headerRead && !TryReadHeader())
            return;
        while (!Ended && _input.Length >= 2)
        {
            var span = _input.Unused;
            var count = BinaryPrimitives.ReadInt16BigEndian(span);
            // The trailer counts as a line too (copyfromparse.c increments cur_lineno before reading it).
            TupleNumber++;
            if (count == -1)
            {
                Ended = true;
                _input.Start += 2;
                if (_input.Length > 0)
                    throw Error("received copy data after EOF marker");
                return;
            }
            if (count != _expectedFields)
                throw Error($"row field count is {count}, expected {_expectedFields}");
            var offset = 2;
            for (var i = 0; i < count; i++)
            {
                if (span.Length < offset + 4)
                {
                    IncompleteField = i;
                    TupleNumber--;
                    return;
                }
                var length = BinaryPrimitives.ReadInt32BigEndian(span[offset..]);
                if (length < -1)
                    throw Error("invalid field size");
                offset += 4 + Math.Max(0, length);
                if (span.Length < offset)
                {
                    IncompleteField = i;
                    TupleNumber--;
                    return;
                }
            }
            IncompleteField = -1;
            handler(span[2..offset], count, TupleNumber);
            _input.Start += offset;
        }
    }

    private bool TryReadHeader()
    {
        var span = _input.Unused;
        if (span.Length < Signature.Length)
        {
            if (!span.SequenceEqual(Signature.AsSpan(0, span.Length)))
                throw Error("COPY file signature not recognized");
            return false;
        }
        if (!span[..Signature.Length].SequenceEqual(Signature))
            throw Error("COPY file signature not recognized");
        if (span.Length < Signature.Length + 8)
            return false;
        var flags = BinaryPrimitives.ReadInt32BigEndian(span[Signature.Length..]);
        // Bit 16 (OIDs) and the other critical bits 17-31 are refused; the low 16 bits may be ignored.
        if ((flags & (1 << 16)) != 0)
            throw Error("invalid COPY file header (WITH OIDS)");
        if ((flags & unchecked((int)0xFFFE0000)) != 0)
            throw Error("unrecognized critical flags in COPY file header");
        var extension = BinaryPrimitives.ReadInt32BigEndian(span[(Signature.Length + 4)..]);
        if (extension < 0)
            throw Error("invalid COPY file header (missing length)");
        if (span.Length < Signature.Length + 8 + extension)
            return false;
        _input.Start += Signature.Length + 8 + extension;
        _headerRead = true;
        return true;
    }

    private void Append(ReadOnlySpan<byte> data) => _input.Append(data);

    private static PgErrorException Error(string message) => new(SqlState.BadCopyFileFormat, message);

    /// <summary>The header COPY TO writes: signature, no flags, no extension.</summary>
    public static void WriteHeader(IBufferWriter<byte> output)
    {
        output.Write(Signature);
        output.Write(new byte[8]);
    }
}

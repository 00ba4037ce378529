using System.Buffers;

namespace IrisPgWire.Protocol.Messages.Frontend;

/// <summary>Query ('Q'): a simple-query string, possibly holding several statements.</summary>
public readonly record struct QueryMessage(string Sql)
{
    public static QueryMessage Parse(ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload, "Query");
        var sql = reader.ReadCString();
        reader.EnsureEnd();
        return new QueryMessage(sql);
    }
}

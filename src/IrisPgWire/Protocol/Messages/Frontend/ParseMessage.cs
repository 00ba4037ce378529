using System.Buffers;

namespace IrisPgWire.Protocol.Messages.Frontend;

/// <summary>Parse ('P'): prepares a statement, with optional parameter type OIDs (0 = unspecified).</summary>
public sealed record ParseMessage(string StatementName, string Sql, uint[] ParameterTypeOids)
{
    public static ParseMessage Parse(ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload, "Parse");
        var name = reader.ReadCString();
        var sql = reader.ReadCString();
        var count = reader.ReadCount16(4);
        var oids = new uint[count];
        for (var i = 0; i < count; i++)
            oids[i] = unchecked((uint)reader.ReadInt32());
        reader.EnsureEnd();
        return new ParseMessage(name, sql, oids);
    }
}

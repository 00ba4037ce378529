using IrisPgWire.Sql;
using IrisPgWire.Types;

namespace IrisPgWire.Protocol.Session;

/// <summary>A statement made by Parse: its classified text and the parameter types the client gave (null = unspecified).</summary>
internal sealed record PreparedStatement(ClassifiedStatement Statement, PgType?[] ParameterTypes);

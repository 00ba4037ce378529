using IrisPgWire.Types;

namespace IrisPgWire.Backends;

/// <summary>A parameter type as Parse gives it: a known type, or null when the client sent OID 0 (unspecified).</summary>
public readonly record struct PgTypeOrUnknown(PgType? Type);

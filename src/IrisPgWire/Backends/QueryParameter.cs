using IrisPgWire.Types;

namespace IrisPgWire.Backends;

/// <summary>
/// One bound $n value: its type (<see cref="PgTypeCatalog.Unknown"/> when the client left it unspecified
/// and sent text) and its canonical value (see <see cref="IPgCodec"/>), or null for SQL NULL.
/// </summary>
public readonly record struct QueryParameter(PgType Type, object? Value);

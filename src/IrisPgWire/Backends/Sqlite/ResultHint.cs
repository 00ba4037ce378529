using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>What the translator knows of one result column before it runs: its name and, when it can tell, its type and origin.</summary>
internal sealed record ResultHint(string Name, PgTypeRef? Type, uint TableOid = 0, short ColumnNumber = 0, bool Explicit = false);

using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>A result column as translation knows it; <see cref="Type"/> is null when only the values can tell.</summary>
internal sealed record SqliteResultColumn(string Name, PgTypeRef? Type, uint TableOid = 0, short ColumnNumber = 0);

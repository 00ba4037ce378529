using IrisPgWire.Types;

namespace IrisPgWire.Backends;

/// <summary>
/// One column of a result, as RowDescription describes it: name, type, and where it comes from
/// (table OID and attribute number, or 0 when it is not a plain table column).
/// </summary>
public sealed record ResultColumn(string Name, PgTypeRef Type, uint TableOid = 0, short ColumnNumber = 0);

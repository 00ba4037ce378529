using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// One translated primary expression (column reference, literal, parameter, call, cast, group) with what
/// is known of it: its PostgreSQL type, the column name PostgreSQL would give it, and its origin.
/// </summary>
internal sealed record SqliteOperand(string Sql, PgTypeRef? Type, string? Name)
{
    /// <summary>Bind slot index when the operand is a bare literal or parameter; otherwise -1.</summary>
    public int Slot { get; init; } = -1;

    /// <summary>True for a string literal or untyped parameter, whose type comes from context.</summary>
    public bool IsUntyped { get; init; }

    public uint TableOid { get; init; }
    public short ColumnNumber { get; init; }

    /// <summary>For <c>*</c> or <c>t.*</c>: the qualifier (empty for a bare star); otherwise null.</summary>
    public string? Star { get; init; }
}

using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>One column of a table as it was created: its PostgreSQL type and constraints.</summary>
/// <param name="Name">Column name (as stored, already folded).</param>
/// <param name="Type">Declared PostgreSQL type with its modifier.</param>
/// <param name="Number">pg_attribute.attnum: 1-based position.</param>
/// <param name="NotNull">True for NOT NULL or PRIMARY KEY columns.</param>
/// <param name="DefaultExpression">The DEFAULT expression in PostgreSQL's dialect, or null.</param>
/// <param name="IsSerial">True for serial/bigserial/smallserial and identity columns (default is nextval).</param>
internal sealed record SqliteColumnDefinition(string Name, PgTypeRef Type, short Number, bool NotNull,
    string? DefaultExpression, bool IsSerial)
{
    /// <summary>True when an INSERT that omits the column gets a value other than NULL.</summary>
    public bool HasDefault => DefaultExpression is not null || IsSerial;
}

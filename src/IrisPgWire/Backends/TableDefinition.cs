using IrisPgWire.Types;

namespace IrisPgWire.Backends;

/// <summary>A table as the server describes it to COPY and to clients: schema, name, OID and columns in order.</summary>
public sealed record TableDefinition(string Schema, string Name, uint Oid, IReadOnlyList<ColumnDefinition> Columns)
{
    public ColumnDefinition? Find(string name)
    {
        foreach (var column in Columns)
        {
            if (column.Name == name)
                return column;
        }
        return null;
    }
}

/// <summary>One column: its name, PostgreSQL type, attribute number (1-based), nullability and whether it has a default.</summary>
public sealed record ColumnDefinition(string Name, PgTypeRef Type, short Number, bool NotNull, bool HasDefault);

using IrisPgWire.Types;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>One comma-separated item of a select or RETURNING list, or of an argument list.</summary>
internal sealed class SqliteSelectItem
{
    public int OperandCount { get; set; }
    public PgTypeRef? Type { get; set; }
    public string? Name { get; set; }
    public string? Alias { get; set; }
    public bool IsBoolean { get; set; }
    public bool IsText { get; set; }
    public SqliteOperand? Single { get; set; }

    /// <summary>The type PostgreSQL reports for the item, or null when only the value can tell.</summary>
    public PgTypeRef? ResultType => IsBoolean ? new PgTypeRef(PgTypeCatalog.Bool)
        : IsText ? new PgTypeRef(PgTypeCatalog.Text) : Type;

    /// <summary>FigureColname (src/backend/parser/parse_target.c): the alias, else a name from the expression, else ?column?.</summary>
    public string ResultName => Alias ?? (OperandCount == 1 && !IsBoolean && !IsText ? Name : null) ?? "?column?";
}

using System.Text;
using IrisPgWire.Errors;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// CREATE TABLE and DROP TABLE for IRIS from a <see cref="TableDefinition"/> (InterSystems SQL Reference,
/// "CREATE TABLE" and "DROP TABLE"): every name delimited, column types from <see cref="IrisTypeMapping"/>.
/// </summary>
public static class IrisDdlWriter
{
    /// <summary>
    /// <c>CREATE TABLE "SQLUser"."t" ("id" INTEGER NOT NULL, "name" VARCHAR(40))</c>.
    /// <paramref name="vectorColumns"/> names the columns declared <c>vector(n)</c> with their dimensions,
    /// since the PostgreSQL type catalogue has no vector type for <see cref="ColumnDefinition.Type"/> to hold.
    /// Throws 42701 when two column names differ only in letter case (IRIS would take them as one), and the
    /// errors of <see cref="IrisIdentifiers.Validate"/> for names IRIS cannot hold.
    /// </summary>
    public static string CreateTable(TableDefinition table, IReadOnlyDictionary<string, int>? vectorColumns = null,
        IrisTableConstraints? constraints = null)
    {
        constraints ??= IrisTableConstraints.None;
        if (table.Columns.Count == 0)
            throw new PgErrorException(SqlState.FeatureNotSupported, "IRIS tables need at least one column");
        var sb = new StringBuilder("CREATE TABLE ").Append(IrisIdentifiers.QualifiedName(table.Schema, table.Name)).Append(" (");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (!seen.Add(column.Name))
                throw new PgErrorException(SqlState.DuplicateColumn, $"column \"{column.Name}\" specified more than once",
                    detail: "IRIS compares column names without letter case.");
            if (i > 0)
                sb.Append(", ");
            sb.Append(IrisIdentifiers.Quote(column.Name)).Append(' ');
            sb.Append(vectorColumns is not null && vectorColumns.TryGetValue(column.Name, out var dimensions)
                ? IrisTypeMapping.VectorColumnType(dimensions)
                : IrisTypeMapping.ToIrisColumnType(column.Type));
            if (constraints.Defaults.TryGetValue(column.Name, out var literal))
                sb.Append(" DEFAULT ").Append(literal);
            if (column.NotNull)
                sb.Append(" NOT NULL");
        }
        // Named as PostgreSQL names them (index.c, ChooseIndexName: t_pkey, t_a_b_key), so errors name the same constraint.
        if (constraints.PrimaryKey.Count > 0)
            AppendConstraint(sb, table.Name + "_pkey", "PRIMARY KEY", constraints.PrimaryKey);
        foreach (var unique in constraints.Unique)
            AppendConstraint(sb, table.Name + "_" + string.Join("_", unique) + "_key", "UNIQUE", unique);
        return sb.Append(')').ToString();
    }

    private static void AppendConstraint(StringBuilder sb, string name, string kind, IReadOnlyList<string> columns)
    {
        // IRIS: CONSTRAINT name PRIMARY KEY (f, ...) / UNIQUE (f, ...) as table elements ("CREATE TABLE", RSQL_createtable).
        sb.Append(", CONSTRAINT ").Append(IrisIdentifiers.Quote(name)).Append(' ').Append(kind).Append(" (");
        sb.AppendJoin(", ", columns.Select(IrisIdentifiers.Quote)).Append(')');
    }

    /// <summary><c>DROP TABLE "SQLUser"."t"</c>.</summary>
    public static string DropTable(string postgresSchema, string table) =>
        "DROP TABLE " + IrisIdentifiers.QualifiedName(postgresSchema, table);
}

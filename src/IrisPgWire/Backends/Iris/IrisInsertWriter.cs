using System.Globalization;
using System.Text;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// The INSERT statements the IRIS bulk path sends for one table and column list, one per
/// <see cref="IrisInsertStrategy"/>, and the parameter values that go with them. Names are always
/// delimited by <see cref="IrisIdentifiers"/> and values are always parameters (<c>?</c>), never text in
/// the statement.
/// </summary>
/// <remarks>
/// Syntax from InterSystems SQL Reference, "INSERT" (RSQL_insert): <c>INSERT [%keyword] [INTO] table
/// [(column, ...)] VALUES (...) | query</c>; "JSON_TABLE" (RSQL_jsontable, IRIS 2024.1+):
/// <c>JSON_TABLE(json-value, json-path COLUMNS (name type PATH path, ...))</c>; "TO_VECTOR" (RSQL_tovector).
/// </remarks>
public sealed class IrisInsertWriter
{
    /// <summary>The longest %Library.String IRIS holds ("Data Types", Strings), which bounds one JSON batch document.</summary>
    public const int MaxStringLength = 3_641_144;

    private readonly string _prefix;
    private readonly string[] _placeholders;
    private readonly int[] _vectorDimensions;

    public IrisInsertWriter(TableDefinition table, IReadOnlyList<string>? columns = null, IrisInsertHints hints = IrisInsertHints.None,
        IReadOnlyDictionary<string, int>? vectorColumns = null)
    {
        Table = table;
        Hints = hints;
        Columns = ResolveColumns(table, columns);
        _vectorDimensions = new int[Columns.Count];
        _placeholders = new string[Columns.Count];
        var sb = new StringBuilder("INSERT ");
        AppendHints(sb, hints);
        sb.Append("INTO ").Append(IrisIdentifiers.QualifiedName(table.Schema, table.Name)).Append(" (");
        for (var i = 0; i < Columns.Count; i++)
        {
            if (i > 0)
                sb.Append(',');
            sb.Append(IrisIdentifiers.Quote(Columns[i].Name));
            _vectorDimensions[i] = vectorColumns is not null && vectorColumns.TryGetValue(Columns[i].Name, out var n) ? n : 0;
            _placeholders[i] = _vectorDimensions[i] > 0 ? IrisTypeMapping.VectorParameter : "?";
        }
        _prefix = sb.Append(") ").ToString();
    }

    public TableDefinition Table { get; }

    public IrisInsertHints Hints { get; }

    /// <summary>The target columns in statement order.</summary>
    public IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>JSON_TABLE cannot carry bytea (JSON has no binary values); such tables use another strategy.</summary>
    public bool SupportsJsonTable => Columns.All(c => c.Type.Type != PgTypeCatalog.Bytea);

    /// <summary>The statement for <paramref name="strategy"/>; <paramref name="rows"/> matters only for UnionAll.</summary>
    public string Statement(IrisInsertStrategy strategy, int rows) => strategy switch
    {
        IrisInsertStrategy.SingleRow => SingleRow(),
        IrisInsertStrategy.UnionAll => UnionAll(rows),
        IrisInsertStrategy.JsonTable => JsonTable(),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    /// <summary><c>INSERT %NOLOCK INTO "SQLUser"."t" ("a","b") VALUES (?, ?)</c>.</summary>
    public string SingleRow() => _prefix + "VALUES (" + string.Join(", ", _placeholders) + ")";

    /// <summary><c>INSERT INTO "SQLUser"."t" ("a","b") SELECT ?, ? UNION ALL SELECT ?, ?</c> for <paramref name="rows"/> rows.</summary>
    public string UnionAll(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var select = "SELECT " + string.Join(", ", _placeholders);
        var sb = new StringBuilder(_prefix.Length + rows * (select.Length + 11)).Append(_prefix).Append(select);
        for (var i = 1; i < rows; i++)
            sb.Append(" UNION ALL ").Append(select);
        return sb.ToString();
    }

    /// <summary>
    /// <c>INSERT INTO "SQLUser"."t" ("a","b") SELECT j.c1, j.c2 FROM JSON_TABLE(?, '$' COLUMNS (c1 INTEGER PATH '$.c1',
    /// c2 VARCHAR(40) PATH '$.c2')) AS j</c>: the one parameter is the document <see cref="JsonDocument"/> builds,
    /// an array with one object per row whose keys are c1, c2 ... (never the column names, so no client text
    /// reaches a JSON path).
    /// </summary>
    public string JsonTable()
    {
        if (!SupportsJsonTable)
            throw new PgErrorException(SqlState.FeatureNotSupported, "JSON_TABLE loading cannot carry bytea columns",
                hint: "Use the SingleRow or UnionAll IRIS insert strategy for this table.");
        var select = new StringBuilder();
        var columns = new StringBuilder();
        for (var i = 0; i < Columns.Count; i++)
        {
            var key = Key(i);
            if (i > 0)
            {
                select.Append(", ");
                columns.Append(", ");
            }
            select.Append(_vectorDimensions[i] > 0 ? $"TO_VECTOR(j.{key}, DOUBLE)" : "j." + key);
            columns.Append(key).Append(' ').Append(JsonColumnType(i)).Append(" PATH '$.").Append(key).Append('\'');
        }
        return _prefix + "SELECT " + select + " FROM JSON_TABLE(?, '$' COLUMNS (" + columns + ")) AS j";
    }

    /// <summary>
    /// The parameter values for <paramref name="rows"/> (canonical values in <see cref="Columns"/> order), row
    /// after row: one row for SingleRow, all rows of the batch for UnionAll.
    /// </summary>
    public object[] Parameters(IReadOnlyList<object?[]> rows)
    {
        var result = new object[rows.Count * Columns.Count];
        var k = 0;
        foreach (var row in rows)
        {
            CheckWidth(row);
            for (var i = 0; i < Columns.Count; i++)
                result[k++] = IrisValueConverter.ToParameter(row[i], Columns[i].Type, _vectorDimensions[i]);
        }
        return result;
    }

    /// <summary>
    /// The JSON document for the JsonTable statement: <c>[{"c1":1,"c2":"x"},{"c1":2,"c2":null}]</c>. Throws 54000
    /// when it would exceed <see cref="MaxStringLength"/>; the caller then sends smaller batches.
    /// </summary>
    public string JsonDocument(IReadOnlyList<object?[]> rows)
    {
        foreach (var row in rows)
            CheckWidth(row);
        var json = IrisJsonBatch.Build(rows, Columns, _vectorDimensions);
        if (json.Length > MaxStringLength)
            throw new PgErrorException(SqlState.ProgramLimitExceeded,
                string.Create(CultureInfo.InvariantCulture, $"JSON batch of {rows.Count} rows is {json.Length} characters, over IRIS's string limit of {MaxStringLength}"));
        return json;
    }

    internal static string Key(int index) => "c" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private string JsonColumnType(int i)
    {
        if (_vectorDimensions[i] > 0)
            return "VARCHAR(" + MaxStringLength.ToString(CultureInfo.InvariantCulture) + ")";
        var type = IrisTypeMapping.ToIrisColumnType(Columns[i].Type);
        return type == "LONGVARCHAR" ? "VARCHAR(" + MaxStringLength.ToString(CultureInfo.InvariantCulture) + ")" : type;
    }

    private void CheckWidth(object?[] row)
    {
        if (row.Length != Columns.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"row has {row.Length} values for {Columns.Count} columns"), nameof(row));
    }

    private static void AppendHints(StringBuilder sb, IrisInsertHints hints)
    {
        // IrisHintText lists them in the order of the INSERT synopsis's %keyword list.
        foreach (var (hint, keyword) in IrisHintText.All)
        {
            if (hints.HasFlag(hint))
                sb.Append(keyword).Append(' ');
        }
    }

    private static ColumnDefinition[] ResolveColumns(TableDefinition table, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            var seenAll = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var c in table.Columns)
            {
                if (!seenAll.Add(c.Name))
                    throw new PgErrorException(SqlState.DuplicateColumn, $"column \"{c.Name}\" specified more than once",
                        detail: "IRIS compares column names without letter case.");
            }
            return [.. table.Columns];
        }
        if (names.Count == 0)
            throw new PgErrorException(SqlState.SyntaxError, "an IRIS INSERT needs at least one column");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new ColumnDefinition[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            // PostgreSQL's messages for COPY column lists (src/backend/commands/copy.c, CopyGetAttnums).
            result[i] = table.Find(names[i])
                ?? throw new PgErrorException(SqlState.UndefinedColumn, $"column \"{names[i]}\" of relation \"{table.Name}\" does not exist");
            if (!seen.Add(names[i]))
                throw new PgErrorException(SqlState.DuplicateColumn, $"column \"{names[i]}\" specified more than once");
        }
        return result;
    }
}

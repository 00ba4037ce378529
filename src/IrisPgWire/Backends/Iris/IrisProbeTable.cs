using System.Globalization;
using IrisPgWire.Types;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// The generated table iris-probe creates and loads: the column types COPY loads most (integer, varchar,
/// numeric, date, timestamp, boolean, and text, which IRIS keeps as a stream), with canonical values made from
/// the row number.
/// </summary>
internal sealed class IrisProbeTable
{
    public IrisProbeTable(string name)
    {
        Definition = new TableDefinition(IrisIdentifiers.PostgresDefaultSchema, name, 0,
        [
            new ColumnDefinition("id", PgTypeNames.Parse("integer"), 1, true, false),
            new ColumnDefinition("name", PgTypeNames.Parse("varchar(40)"), 2, false, false),
            new ColumnDefinition("amount", PgTypeNames.Parse("numeric(12,2)"), 3, false, false),
            new ColumnDefinition("born", PgTypeNames.Parse("date"), 4, false, false),
            new ColumnDefinition("seen", PgTypeNames.Parse("timestamp"), 5, false, false),
            new ColumnDefinition("flag", PgTypeNames.Parse("boolean"), 6, false, false),
            new ColumnDefinition("note", PgTypeNames.Parse("text"), 7, false, false),
        ]);
    }

    public TableDefinition Definition { get; }

    /// <summary>Row <paramref name="i"/> (from 1): every value present, except a NULL note on every tenth row.</summary>
    public static object?[] Row(int i)
    {
        var ci = CultureInfo.InvariantCulture;
        var day = new DateOnly(2000, 1, 1).AddDays(i % 9000);
        return
        [
            i,
            "name " + i.ToString(ci),
            (i * 1.25m).ToString("0.00", ci),
            day.ToString("yyyy-MM-dd", ci),
            day.ToString("yyyy-MM-dd", ci) + " " + TimeSpan.FromSeconds(i % 86400).ToString("hh\\:mm\\:ss", ci),
            i % 2 == 0,
            i % 10 == 0 ? null : "note for row " + i.ToString(ci),
        ];
    }
}

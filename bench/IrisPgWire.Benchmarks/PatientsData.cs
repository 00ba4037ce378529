using System.Buffers;
using System.Buffers.Binary;
using IrisPgWire.Backends;
using IrisPgWire.Copy;
using IrisPgWire.Types;

namespace IrisPgWire.Benchmarks;

/// <summary>
/// The in-memory patients dataset every micro-benchmark uses: the same eight columns as bench/schema.sql,
/// made from a fixed seed, as canonical values and encoded in COPY's TEXT, CSV (no header) and BINARY
/// formats through the server's own codecs (PostgreSQL manual, "COPY", File Formats).
/// </summary>
public sealed class PatientsData
{
    public const int Rows = 100_000;

    private static readonly Lazy<PatientsData> Shared = new(() => new PatientsData(Rows));

    private static readonly string[] First = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
        "José", "Zoë", "François", "Siobhán", "Wei", "Olga"];
    private static readonly string[] Last = ["Smith", "Johnson", "Williams", "Brown", "O'Brien", "Müller", "Nguyen", "Ødegaard",
        "Garcia", "Kowalski"];
    private static readonly string[] Genders = ["M", "F", "U"];
    private static readonly string[] Statuses = ["Admitted", "Discharged", "Observation", "Transferred", "Outpatient"];

    public static TableDefinition Table { get; } = new("public", "patients", 16384,
    [
        new("patientid", new PgTypeRef(PgTypeCatalog.Int4), 1, false, false),
        new("firstname", new PgTypeRef(PgTypeCatalog.Text), 2, false, false),
        new("lastname", new PgTypeRef(PgTypeCatalog.Text), 3, false, false),
        new("dateofbirth", new PgTypeRef(PgTypeCatalog.Date), 4, false, false),
        new("gender", new PgTypeRef(PgTypeCatalog.Text), 5, false, false),
        new("status", new PgTypeRef(PgTypeCatalog.Text), 6, false, false),
        new("admissiondate", new PgTypeRef(PgTypeCatalog.Date), 7, false, false),
        new("dischargedate", new PgTypeRef(PgTypeCatalog.Date), 8, false, false),
    ]);

    public static PatientsData Instance => Shared.Value;

    private PatientsData(int rows)
    {
        var random = new Random(20240501);
        var epoch = new DateOnly(2000, 1, 1);
        string Day(int offset) => epoch.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var values = new object?[rows][];
        for (var i = 0; i < rows; i++)
        {
            var admission = random.Next(5475, 9131);
            values[i] =
            [
                i + 1, First[random.Next(First.Length)], Last[random.Next(Last.Length)], Day(random.Next(-25567, 7305)),
                Genders[random.Next(Genders.Length)], Statuses[random.Next(Statuses.Length)], Day(admission),
                random.NextDouble() < 0.10 ? null : Day(admission + random.Next(0, 31)),
            ];
        }
        Values = values;
        Codecs = [.. Table.Columns.Select(c => PgCodecs.For(c.Type.Type))];
        Text = Encode(CopyFormat.Text);
        Csv = Encode(CopyFormat.Csv);
        Binary = Encode(CopyFormat.Binary);
        TextFields = [.. Table.Columns.Select((_, c) => values.Select(row => row[c] is { } v ? FormatText(c, v) : null).ToArray())];
        BinaryFields = [.. Table.Columns.Select((_, c) => values.Select(row => row[c] is { } v ? FormatBinary(c, v) : null).ToArray())];
    }

    /// <summary>Each row's canonical values (see <see cref="IPgCodec"/>).</summary>
    public IReadOnlyList<object?[]> Values { get; }

    public IPgCodec[] Codecs { get; }

    public byte[] Text { get; }

    public byte[] Csv { get; }

    public byte[] Binary { get; }

    /// <summary>Each column's values as text output, column by column (null for NULL), for the codec benchmarks.</summary>
    public byte[]?[][] TextFields { get; }

    /// <summary>Each column's values in binary (send) form, column by column.</summary>
    public byte[]?[][] BinaryFields { get; }

    public byte[] Encoded(CopyFormat format) => format switch
    {
        CopyFormat.Text => Text,
        CopyFormat.Csv => Csv,
        _ => Binary,
    };

    private byte[] FormatText(int column, object value)
    {
        var output = new ArrayBufferWriter<byte>(32);
        Codecs[column].FormatText(value, output, PgFormatSettings.Default);
        return output.WrittenSpan.ToArray();
    }

    private byte[] FormatBinary(int column, object value)
    {
        var output = new ArrayBufferWriter<byte>(16);
        Codecs[column].FormatBinary(value, output);
        return output.WrittenSpan.ToArray();
    }

    private byte[] Encode(CopyFormat format)
    {
        var output = new ArrayBufferWriter<byte>(8 * 1024 * 1024);
        if (format == CopyFormat.Binary)
        {
            // Signature, flags, header extension length (PostgreSQL manual, "COPY", Binary Format).
            output.Write<byte>([(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0]);
            output.Write(new byte[8]);
        }
        foreach (var row in Values)
        {
            if (format == CopyFormat.Binary)
                WriteInt16(output, (short)row.Length);
            for (var c = 0; c < row.Length; c++)
            {
                var value = row[c];
                if (format == CopyFormat.Binary)
                {
                    if (value is null)
                    {
                        WriteInt32(output, -1);
                        continue;
                    }
                    var field = FormatBinary(c, value);
                    WriteInt32(output, field.Length);
                    output.Write(field);
                    continue;
                }
                if (c > 0)
                    output.Write(format == CopyFormat.Csv ? ","u8 : "\t"u8);
                if (value is null)
                {
                    // NULL: \N in TEXT, an unquoted empty field in CSV.
                    output.Write(format == CopyFormat.Csv ? [] : "\\N"u8);
                    continue;
                }
                var text = FormatText(c, value);
                // The names hold no delimiter, quote, backslash or line ending, so no escaping is needed.
                if (text.AsSpan().IndexOfAny("\t\\\n\r,\""u8) >= 0)
                    throw new InvalidOperationException("the patients dataset must not need escaping");
                output.Write(text);
            }
            if (format != CopyFormat.Binary)
                output.Write("\n"u8);
        }
        if (format == CopyFormat.Binary)
            WriteInt16(output, -1);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteInt16(ArrayBufferWriter<byte> output, short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }
}

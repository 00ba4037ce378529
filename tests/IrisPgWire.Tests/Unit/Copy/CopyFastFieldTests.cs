using System.Text;
using IrisPgWire.Backends;
using IrisPgWire.Copy;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Copy;

/// <summary>
/// COPY FROM's shortcut past the codecs must never disagree with them: where it takes an input, the
/// value it stores is the codec's canonical value; where the codec refuses an input, the shortcut
/// declines it too, so the codec reports PostgreSQL's error.
/// </summary>
public class CopyFastFieldTests
{
    public static TheoryData<string, int, string> Inputs()
    {
        var data = new TheoryData<string, int, string>();
        string[] integers = ["0", "7", "-7", "007", "-0", "+5", " 5", "5 ", "", "-", "1e3", "12a", "32767", "32768", "-32768", "-32769",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "999999999999999999", "-999999999999999999",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "0x10", "1_000", "١٢"];
        foreach (var type in new[] { "int2", "int4", "int8" })
        {
            foreach (var input in integers)
                data.Add(type, -1, input);
        }
        string[] texts = ["", "a", "héllo", "日本語", "tab\there", "abcde", "abcdef", "abc  ", "ab\u00e9de", "\ud83d\ude00\ud83d\ude00"];
        foreach (var input in texts)
        {
            data.Add("text", -1, input);
            data.Add("varchar", -1, input);
            data.Add("varchar", 5 + 4, input);
        }
        string[] dates = ["2024-02-29", "2023-02-29", "2000-01-01", "0001-01-01", "0000-01-01", "9999-12-31", "2024-13-01", "2024-00-10",
            "2024-1-01", "20240101", "2024/01/01", " 2024-01-01", "2024-01-01 ", "infinity", "epoch", "Jan 1 2024", "2024-01-32", "1999-04-31"];
        foreach (var input in dates)
            data.Add("date", -1, input);
        string[] timestamps = ["2024-01-02 03:04:05", "2024-01-02 03:04:05.5", "2024-01-02 03:04:05.50", "2024-01-02 03:04:05.123456",
            "2024-01-02 03:04:05.1234567", "2024-01-02 24:00:00", "2024-01-02 23:59:60", "2024-01-02T03:04:05", "2024-02-30 00:00:00",
            "2024-01-02 3:04:05", "2024-01-02 03:04", "2024-01-02 03:04:05.", "2024-01-02 03:04:05+02", "0001-01-01 00:00:00"];
        foreach (var input in timestamps)
        {
            data.Add("timestamp", -1, input);
            data.Add("timestamp", 3, input);
        }
        string[] bools = ["t", "f", "true", "false", "TRUE", "yes", "on", "1", "0", "x", "", " t"];
        foreach (var input in bools)
            data.Add("bool", -1, input);
        string[] numbers = ["0", "-0", "0.0", "-0.00", "1", "-1", "12.5", "12.50", "12.500", "0.25", "00.25", "007", ".5", "5.", "1e3",
            "123456789012.34", "1234567890.12", "12345678901.23", "-9999999999.99", "3.14159265358979323846", "NaN", "1,5", "+1", " 1",
            "179769313486231570000000000000", "0.000000000000000000000000001"];
        foreach (var input in numbers)
        {
            data.Add("float8", -1, input);
            data.Add("numeric", -1, input);
            data.Add("numeric", (12 << 16) + 2 + 4, input);
            data.Add("numeric", (5 << 16) + 0 + 4, input);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_shortcut_stores_what_the_codec_would_or_declines(string typeName, int modifier, string input)
    {
        Assert.True(PgTypeCatalog.TryGetByName(typeName, out var type));
        var utf8 = Encoding.UTF8.GetBytes(input);
        object? expected;
        try
        {
            expected = PgCodecs.For(type).ParseText(utf8, modifier, PgFormatSettings.Default);
        }
        catch (PgErrorException)
        {
            expected = null;
        }
        var batch = new BulkRowBatch(1, 1);
        var kind = CopyFastField.For(new PgTypeRef(type, modifier));
        Assert.NotEqual(CopyFastField.Kind.None, kind);
        var taken = CopyFastField.TryStore(kind, modifier, utf8, isUtf8: false, batch, 0);
        if (expected is null)
        {
            Assert.False(taken, $"the shortcut took \"{input}\", which the {typeName} codec refuses");
            return;
        }
        if (taken)
        {
            batch.Commit(1);
            Assert.Equal(expected, batch.Canonical(0, 0, type));
        }
    }

    [Fact]
    public void The_shortcut_takes_the_plain_forms_a_bulk_load_is_made_of()
    {
        var batch = new BulkRowBatch(4, 1);
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.Int4, -1, "-123"u8, true, batch, 0));
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.Text, -1, "Ada"u8, true, batch, 1));
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.Date, -1, "1815-12-10"u8, true, batch, 2));
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.BoundedText, 10 + 4, "Lovelace"u8, true, batch, 3));
        batch.Commit(1);
        Assert.Equal(BulkCellKind.Integer, batch.Kind(0, 0));
        Assert.Equal(-123L, batch.Integer(0, 0));
        Assert.Equal("Ada", Encoding.UTF8.GetString(batch.Utf8(0, 1)));
        Assert.Equal("1815-12-10", Encoding.UTF8.GetString(batch.Utf8(0, 2)));
        Assert.Equal(BulkCellKind.Utf8, batch.Kind(0, 3));

        var more = new BulkRowBatch(4, 1);
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.Timestamp, -1, "2024-01-02 03:04:05.25"u8, true, more, 0));
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.Bool, -1, "t"u8, true, more, 1));
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.Float8, -1, "-0.125"u8, true, more, 2));
        Assert.True(CopyFastField.TryStore(CopyFastField.Kind.Numeric, (12 << 16) + 2 + 4, "1234.50"u8, true, more, 3));
        more.Commit(1);
        Assert.Equal(true, more.Canonical(0, 1, PgTypeCatalog.Bool));
        Assert.Equal(-0.125, more.Real(0, 2));
        Assert.Equal("1234.50", Encoding.UTF8.GetString(more.Utf8(0, 3)));
    }
}

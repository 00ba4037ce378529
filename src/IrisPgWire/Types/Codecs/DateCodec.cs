using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace IrisPgWire.Types.Codecs;

/// <summary>date: canonical <c>YYYY-MM-DD</c>; binary is days since 2000-01-01 (date.c date_send).</summary>
internal sealed class DateCodec() : PgCodec(PgTypeCatalog.Date)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        // Fast path for the ISO form COPY data nearly always has; the canonical value is the input itself.
        if (TryIso(utf8, out var iso))
            return iso;
        var text = DecodeUtf8(utf8);
        var parsed = DateTimeText.Parse(text, "date", settings, wantDate: true, wantTime: false);
        return parsed.Special switch
        {
            DateTimeText.Special.Infinity => "infinity",
            DateTimeText.Special.NegativeInfinity => "-infinity",
            _ => DateTimeText.FormatDate(parsed.Date!.Value),
        };
    }

    /// <summary>An exact, valid YYYY-MM-DD (year 1 to 9999).</summary>
    internal static bool TryIso(ReadOnlySpan<byte> utf8, out string value)
    {
        value = IsIso(utf8) ? System.Text.Encoding.ASCII.GetString(utf8) : "";
        return value.Length != 0;
    }

    /// <summary>True for an exact, valid YYYY-MM-DD (year 1 to 9999): input whose canonical value is itself.</summary>
    internal static bool IsIso(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 10 || utf8[4] != '-' || utf8[7] != '-')
            return false;
        if (!TryDigits(utf8[..4], out var year) || !TryDigits(utf8.Slice(5, 2), out var month) || !TryDigits(utf8.Slice(8, 2), out var day))
            return false;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    /// <summary>The canonical form is the ISO output, so with DateStyle ISO the stored text is sent as it is.</summary>
    public override bool IsTextVerbatim(PgFormatSettings settings) => settings.DateStyle.StartsWith("ISO", StringComparison.Ordinal);

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var text = (string)value;
        if (settings.DateStyle.StartsWith("ISO", StringComparison.Ordinal) || text.EndsWith("infinity", StringComparison.Ordinal))
            WriteAscii(output, text);
        else
            WriteAscii(output, DateTimeText.FormatDate(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), settings.DateStyle));
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length != 4)
            throw InsufficientData();
        var days = BinaryPrimitives.ReadInt32BigEndian(data);
        return days switch
        {
            int.MaxValue => "infinity",
            int.MinValue => "-infinity",
            _ => DateTimeText.FormatDate(DateOnly.FromDateTime(DateTimeText.PostgresEpoch.AddDays(days))),
        };
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var text = (string)value;
        var days = text switch
        {
            "infinity" => int.MaxValue,
            "-infinity" => int.MinValue,
            _ => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber - DateOnly.FromDateTime(DateTimeText.PostgresEpoch).DayNumber,
        };
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), days);
        output.Advance(4);
    }

    public override object Coerce(object value, int modifier) => value switch
    {
        DateOnly d => DateTimeText.FormatDate(d),
        DateTime dt => DateTimeText.FormatDate(DateOnly.FromDateTime(dt)),
        _ => base.Coerce(value, modifier),
    };
}

using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using IrisPgWire.Errors;

namespace IrisPgWire.Types.Codecs;

/// <summary>date: canonical <c>YYYY-MM-DD</c>; binary is days since 2000-01-01 (date.c date_send).</summary>
internal sealed class DateCodec() : PgCodec(PgTypeCatalog.Date)
{
    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = DecodeUtf8(utf8);
        var parsed = DateTimeText.Parse(text, "date", settings, wantDate: true, wantTime: false);
        return parsed.Special switch
        {
            DateTimeText.Special.Infinity => "infinity",
            DateTimeText.Special.NegativeInfinity => "-infinity",
            _ => DateTimeText.FormatDate(parsed.Date!.Value),
        };
    }

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

    public static PgErrorException DateOutOfRange() => new(SqlState.DatetimeFieldOverflow, "date out of range");
}

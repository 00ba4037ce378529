using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace IrisPgWire.Types.Codecs;

/// <summary>
/// timestamp and timestamp with time zone. Canonical values are ISO text: local for timestamp, UTC with
/// a <c>+00</c> suffix for timestamptz, which is printed in the session's TimeZone. Binary is microseconds
/// since 2000-01-01 (timestamp.c timestamp_send).
/// </summary>
internal sealed class TimestampCodec(PgType type) : PgCodec(type)
{
    public static readonly TimestampCodec Timestamp = new(PgTypeCatalog.Timestamp);
    public static readonly TimestampCodec TimestampTz = new(PgTypeCatalog.TimestampTz);

    private bool WithZone => Type == PgTypeCatalog.TimestampTz;

    public override object ParseText(ReadOnlySpan<byte> utf8, int modifier, PgFormatSettings settings)
    {
        var text = DecodeUtf8(utf8);
        var parsed = DateTimeText.Parse(text, Type.SqlName, settings, wantDate: true, wantTime: true);
        switch (parsed.Special)
        {
            case DateTimeText.Special.Infinity: return "infinity";
            case DateTimeText.Special.NegativeInfinity: return "-infinity";
        }
        var local = parsed.Date!.Value.ToDateTime(TimeOnly.MinValue).AddTicks(DateTimeText.Round(parsed.TimeTicks ?? 0, Precision(modifier)));
        if (!WithZone)
            return DateTimeText.FormatTimestamp(local);
        DateTime utc;
        if (parsed.Offset is { } offset)
            utc = local - offset;
        else
            utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), parsed.Zone ?? settings.TimeZone);
        return DateTimeText.FormatTimestamp(utc) + "+00";
    }

    public override object ParseBinary(ReadOnlySpan<byte> data, int modifier)
    {
        if (data.Length != 8)
            throw InsufficientData();
        var micros = BinaryPrimitives.ReadInt64BigEndian(data);
        if (micros == long.MaxValue)
            return "infinity";
        if (micros == long.MinValue)
            return "-infinity";
        var value = DateTimeText.PostgresEpoch.AddTicks(DateTimeText.Round(micros * 10, Precision(modifier)));
        return DateTimeText.FormatTimestamp(value) + (WithZone ? "+00" : "");
    }

    /// <summary>A timestamp without time zone in ISO DateStyle is its canonical text, as <see cref="FormatText"/> shows.</summary>
    public override bool IsTextVerbatim(PgFormatSettings settings) =>
        !WithZone && settings.DateStyle.StartsWith("ISO", StringComparison.Ordinal);

    public override void FormatText(object value, IBufferWriter<byte> output, PgFormatSettings settings)
    {
        var text = (string)value;
        var iso = settings.DateStyle.StartsWith("ISO", StringComparison.Ordinal);
        if (text.EndsWith("infinity", StringComparison.Ordinal) || (!WithZone && iso))
        {
            WriteAscii(output, text);
            return;
        }
        if (!WithZone)
        {
            WriteAscii(output, DateTimeText.FormatTimestamp(ToDateTime(text), settings.DateStyle, null, null));
            return;
        }
        var utc = ToDateTime(text);
        var offset = settings.TimeZone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        // Outside ISO the zone is shown by its abbreviation, or by the offset where the zone has none.
        var abbreviation = iso ? null : ZoneAbbreviations.At(settings.TimeZone, utc) ?? DateTimeText.FormatOffset(offset);
        WriteAscii(output, DateTimeText.FormatTimestamp(utc + offset, settings.DateStyle, DateTimeText.FormatOffset(offset), abbreviation));
    }

    public override void FormatBinary(object value, IBufferWriter<byte> output)
    {
        var text = (string)value;
        var micros = text switch
        {
            "infinity" => long.MaxValue,
            "-infinity" => long.MinValue,
            _ => (ToDateTime(text) - DateTimeText.PostgresEpoch).Ticks / 10,
        };
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), micros);
        output.Advance(8);
    }

    public override object Coerce(object value, int modifier) => value switch
    {
        DateTime dt when WithZone => DateTimeText.FormatTimestamp(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt) + "+00",
        DateTime dt => DateTimeText.FormatTimestamp(dt),
        DateTimeOffset dto => WithZone ? DateTimeText.FormatTimestamp(dto.UtcDateTime) + "+00" : DateTimeText.FormatTimestamp(dto.DateTime),
        _ => base.Coerce(value, modifier),
    };

    /// <summary>Parses a canonical value (without the +00 suffix) back to a DateTime.</summary>
    public static DateTime ToDateTime(string canonical)
    {
        var text = canonical.EndsWith("+00", StringComparison.Ordinal) ? canonical[..^3] : canonical;
        return DateTime.ParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
            DateTimeStyles.None);
    }

    private static int Precision(int modifier) => modifier is >= 0 and <= 6 ? modifier : 6;
}

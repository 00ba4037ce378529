namespace IrisPgWire.Types.Codecs;

/// <summary>Codecs of the types beyond numbers and text: dates, bytea, uuid, json and the kept-as-text types.</summary>
internal static class ExtraCodecs
{
    public static IPgCodec For(PgType type) => type.Name switch
    {
        "date" => Temporal.DateCodec.Instance,
        "timestamp" => Temporal.TimestampCodec.WithoutZone,
        "timestamptz" => Temporal.TimestampCodec.WithZone,
        "time" => Temporal.TimeCodec.WithoutZone,
        "timetz" => Temporal.TimeCodec.WithZone,
        "interval" => Temporal.IntervalCodec.Instance,
        "bytea" => ByteaCodec.Instance,
        "uuid" => UuidCodec.Instance,
        "json" => JsonCodec.Json,
        "jsonb" => JsonCodec.Jsonb,
        "char" => CharCodec.Instance,
        "xml" or "unknown" or "cstring" => new PassThroughCodec(type.Name, binaryIsText: true),
        _ => new PassThroughCodec(type.Name, binaryIsText: false),
    };
}

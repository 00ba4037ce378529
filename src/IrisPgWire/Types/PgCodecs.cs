using System.Collections.Frozen;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Types;

/// <summary>Finds the codec of a type.</summary>
public static class PgCodecs
{
    private static readonly FrozenDictionary<uint, IPgCodec> ByOid = Build();

    /// <summary>The codec for a type; every type in <see cref="PgTypeCatalog.All"/> has one.</summary>
    public static IPgCodec For(PgType type) => ByOid[type.Oid];

    private static FrozenDictionary<uint, IPgCodec> Build()
    {
        var map = new Dictionary<uint, IPgCodec>
        {
            [PgTypeCatalog.Bool.Oid] = new BoolCodec(),
            [PgTypeCatalog.Int2.Oid] = IntegerCodec.Int2,
            [PgTypeCatalog.Int4.Oid] = IntegerCodec.Int4,
            [PgTypeCatalog.Int8.Oid] = IntegerCodec.Int8,
            [PgTypeCatalog.Oid.Oid] = IntegerCodec.Oid,
            [PgTypeCatalog.Float4.Oid] = FloatCodec.Float4,
            [PgTypeCatalog.Float8.Oid] = FloatCodec.Float8,
            [PgTypeCatalog.Numeric.Oid] = NumericCodec.Instance,
            [PgTypeCatalog.Bytea.Oid] = new ByteaCodec(),
            [PgTypeCatalog.Uuid.Oid] = new UuidCodec(),
            [PgTypeCatalog.Date.Oid] = new DateCodec(),
            [PgTypeCatalog.Time.Oid] = new TimeCodec(),
            [PgTypeCatalog.Timestamp.Oid] = TimestampCodec.Timestamp,
            [PgTypeCatalog.TimestampTz.Oid] = TimestampCodec.TimestampTz,
            [PgTypeCatalog.Json.Oid] = JsonCodec.Json,
            [PgTypeCatalog.Jsonb.Oid] = JsonCodec.Jsonb,
            [PgTypeCatalog.Interval.Oid] = new IntervalCodec(),
        };
        foreach (var type in new[] { PgTypeCatalog.Text, PgTypeCatalog.Varchar, PgTypeCatalog.Bpchar, PgTypeCatalog.Name, PgTypeCatalog.Char, PgTypeCatalog.Unknown })
            map[type.Oid] = new TextCodec(type);
        foreach (var type in PgTypeCatalog.All)
        {
            if (type.IsArray && PgTypeCatalog.TryGetByOid(type.ElementOid, out var element))
                map[type.Oid] = new ArrayCodec(type, element);
            else
                map.TryAdd(type.Oid, new PassThroughCodec(type));
        }
        return map.ToFrozenDictionary();
    }
}

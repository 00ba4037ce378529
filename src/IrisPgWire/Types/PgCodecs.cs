using System.Collections.Frozen;
using IrisPgWire.Types.Codecs;

namespace IrisPgWire.Types;

/// <summary>Finds the codec of a type.</summary>
public static class PgCodecs
{
    private static readonly FrozenDictionary<uint, IPgCodec> ByOid = Build();

    /// <summary>The codec for a type; every type in <see cref="PgTypeCatalog.All"/> has one.</summary>
    public static IPgCodec For(PgType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ByOid.TryGetValue(type.Oid, out var codec)
            ? codec
            : throw new ArgumentException($"type {type.Name} has no codec", nameof(type));
    }

    private static FrozenDictionary<uint, IPgCodec> Build()
    {
        var map = new Dictionary<uint, IPgCodec>
        {
            [PgTypeCatalog.Bool.Oid] = BoolCodec.Instance,
            [PgTypeCatalog.Int2.Oid] = IntegerCodec.Int2,
            [PgTypeCatalog.Int4.Oid] = IntegerCodec.Int4,
            [PgTypeCatalog.Int8.Oid] = IntegerCodec.Int8,
            [PgTypeCatalog.Oid.Oid] = IntegerCodec.Oid,
            [PgTypeCatalog.Float4.Oid] = FloatCodec.Float4,
            [PgTypeCatalog.Float8.Oid] = FloatCodec.Float8,
            [PgTypeCatalog.Numeric.Oid] = NumericCodec.Instance,
            [PgTypeCatalog.Text.Oid] = TextCodec.Text,
            [PgTypeCatalog.Varchar.Oid] = TextCodec.Varchar,
            [PgTypeCatalog.Bpchar.Oid] = TextCodec.Bpchar,
            [PgTypeCatalog.Name.Oid] = TextCodec.Name,
        };
        foreach (var type in PgTypeCatalog.All)
        {
            if (!type.IsArray && !map.ContainsKey(type.Oid))
                map[type.Oid] = ExtraCodecs.For(type);
        }
        foreach (var type in PgTypeCatalog.All)
        {
            if (type.IsArray && PgTypeCatalog.TryGetByOid(type.ElementOid, out var element))
                map[type.Oid] = new ArrayCodec(element, map[element.Oid]);
        }
        return map.ToFrozenDictionary();
    }
}

namespace IrisPgWire.Types;

/// <summary>Finds the codec of a type.</summary>
public static class PgCodecs
{
    /// <summary>The codec for a type; every type in <see cref="PgTypeCatalog.All"/> has one.</summary>
    public static IPgCodec For(PgType type) => throw new NotImplementedException();
}

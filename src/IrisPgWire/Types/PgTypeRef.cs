namespace IrisPgWire.Types;

/// <summary>
/// A type as a column or value carries it: the catalogue entry plus its type modifier
/// (atttypmod; -1 when there is none), for example <c>varchar(10)</c> or <c>numeric(12,2)</c>.
/// </summary>
public readonly record struct PgTypeRef(PgType Type, int Modifier = -1)
{
    public uint Oid => Type.Oid;

    public override string ToString() => PgTypeNames.Format(this);
}

namespace IrisPgWire.Types;

/// <summary>
/// One entry of the server's type catalogue: what pg_type says about a built-in type
/// (PostgreSQL source, src/include/catalog/pg_type.dat).
/// </summary>
public sealed class PgType
{
    public PgType(uint oid, string name, short length, char category, uint arrayOid = 0, uint elementOid = 0,
        string? sqlName = null)
    {
        Oid = oid;
        Name = name;
        Length = length;
        Category = category;
        ArrayOid = arrayOid;
        ElementOid = elementOid;
        SqlName = sqlName ?? name;
    }

    public uint Oid { get; }

    /// <summary>pg_type.typname, for example <c>int4</c> or <c>_int4</c>.</summary>
    public string Name { get; }

    /// <summary>pg_type.typlen: the fixed size in bytes, or -1 for variable length.</summary>
    public short Length { get; }

    /// <summary>pg_type.typcategory (N numeric, S string, D date/time, B boolean, A array, U user ...).</summary>
    public char Category { get; }

    /// <summary>OID of the array type whose elements are this type, or 0.</summary>
    public uint ArrayOid { get; }

    /// <summary>For an array type, the OID of its element type; otherwise 0.</summary>
    public uint ElementOid { get; }

    /// <summary>The name format_type() prints without a modifier: <c>integer</c>, <c>character varying</c>.</summary>
    public string SqlName { get; }

    public bool IsArray => ElementOid != 0;

    public override string ToString() => Name;
}

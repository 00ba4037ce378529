namespace IrisPgWire.Catalog;

/// <summary>
/// The catalogue queries the server recognises, each with the client it was captured from (the full texts
/// are in tests/IrisPgWire.Tests/Unit/Catalog/Captured). Long queries are recognised by fragments that
/// survive the driver's own variations (server version, settings); short ones only by their whole text,
/// so that a user's query over pg_type is never mistaken for one.
/// </summary>
internal static class KnownCatalogQueries
{
    private const string Npgsql = "Npgsql 10.0.3, PostgresDatabaseInfo.LoadBackendTypes";
    private const string PgJdbc = "pgjdbc 42.5.5, TypeInfoCache";
    private const string Psycopg = "psycopg 3.1.7, TypeInfo.fetch";

    private const string SearchPathJoin =
        " LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r from pg_namespace as ns" +
        " join ( select s.r, (current_schemas(false))[s.r] as nspname" +
        " from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r" +
        " using ( nspname ) ) as sp ON sp.nspoid = typnamespace ";

    private const string SchemaCondition =
        " AND (n.nspname = $2 OR $3 AND n.nspname = ANY (current_schemas(true)))";

    public static readonly IReadOnlyList<CatalogQueryShape> All =
    [
        CatalogQueryShape.Fragments(Npgsql,
            [
                "SELECT ns.nspname, t.oid, t.typname, t.typtype, t.typnotnull, t.elemtypoid FROM (",
                "FROM pg_type AS typ",
                "JOIN pg_namespace AS ns ON (ns.oid = typnamespace)",
            ],
            NpgsqlTypeLoading.Types),
        CatalogQueryShape.Fragments(Npgsql,
            ["SELECT typ.oid, att.attname, att.atttypid FROM pg_type AS typ", "JOIN pg_attribute AS att ON (att.attrelid = typ.typrelid)"],
            NpgsqlTypeLoading.CompositeFields),
        CatalogQueryShape.Fragments(Npgsql,
            ["enumlabel FROM pg_enum JOIN pg_type"],
            NpgsqlTypeLoading.EnumLabels),

        CatalogQueryShape.Fragments(Psycopg,
            [
                "SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter " +
                "FROM pg_type t WHERE t.oid =",
            ],
            PsycopgTypeInfo.Fetch),

        CatalogQueryShape.Exact(PgJdbc,
            "SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM pg_catalog.pg_type t " +
            "JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1",
            PgJdbcTypeInfo.TypeByOid),
        CatalogQueryShape.Exact(PgJdbc,
            "SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid FROM pg_catalog.pg_type" +
            SearchPathJoin + "WHERE pg_type.oid = $1 ORDER BY sp.r, pg_type.oid DESC",
            PgJdbcTypeInfo.IsArrayByOid),
        CatalogQueryShape.Exact(PgJdbc,
            "SELECT e.oid, n.nspname = ANY(current_schemas(true)), n.nspname, e.typname FROM pg_catalog.pg_type t " +
            "JOIN pg_catalog.pg_type e ON t.typelem = e.oid JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid " +
            "WHERE t.oid = $1",
            PgJdbcTypeInfo.ElementByOid),
        CatalogQueryShape.Exact(PgJdbc,
            "SELECT e.typdelim FROM pg_catalog.pg_type t, pg_catalog.pg_type e WHERE t.oid = $1 and t.typelem = e.oid",
            PgJdbcTypeInfo.DelimiterByOid),
        CatalogQueryShape.Exact(PgJdbc,
            "SELECT t.typarray, arr.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid " +
            "JOIN pg_catalog.pg_type arr ON arr.oid = t.typarray WHERE t.typname = $1" + SchemaCondition +
            " ORDER BY t.oid DESC LIMIT 1",
            PgJdbcTypeInfo.ArrayByName),
        CatalogQueryShape.Exact(PgJdbc,
            "SELECT pg_type.oid, typname FROM pg_catalog.pg_type" + SearchPathJoin +
            "WHERE typname = $1 ORDER BY sp.r, pg_type.oid DESC LIMIT 1",
            PgJdbcTypeInfo.OidByName),
        CatalogQueryShape.Exact(PgJdbc,
            "SELECT t.oid, t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid " +
            "WHERE t.typname = $1" + SchemaCondition + " ORDER BY t.oid DESC LIMIT 1",
            PgJdbcTypeInfo.OidByQualifiedName),
        CatalogQueryShape.Exact(PgJdbc,
            "SELECT t.oid, t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid " +
            "WHERE t.typelem = (SELECT oid FROM pg_catalog.pg_type WHERE typname = $1) AND substring(t.typname, 1, 1) = '_' " +
            "AND t.typlen = -1" + SchemaCondition + " ORDER BY t.typelem DESC LIMIT 1",
            PgJdbcTypeInfo.ArrayOidByElementName),
    ];
}

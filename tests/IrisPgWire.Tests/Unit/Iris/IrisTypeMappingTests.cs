using IrisPgWire.Backends.Iris;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Iris;

public class IrisTypeMappingTests
{
    // DDL type names from "Data Types (SQL)", https://docs.intersystems.com/services/csp/docbook/DocBook.UI.Page.cls?KEY=RSQL_datatype:
    // BIT → %Library.Boolean, SMALLINT/INTEGER/BIGINT, NUMERIC(p,s), DOUBLE, VARCHAR(n) → %String(MAXLEN=n) (bare VARCHAR is
    // MAXLEN=1, so a length is always given), LONGVARCHAR → %Stream.GlobalCharacter, LONGVARBINARY → %Stream.GlobalBinary,
    // DATE, TIME(p) → %Time(PRECISION=p), TIMESTAMP. VECTOR(type, length) from "TO_VECTOR (SQL)",
    // https://docs.intersystems.com/supplychain20241/csp/docbook/DocBook.UI.Page.cls?KEY=RSQL_tovector.
    [Theory]
    [InlineData("boolean", "BIT")]
    [InlineData("smallint", "SMALLINT")]
    [InlineData("integer", "INTEGER")]
    [InlineData("bigint", "BIGINT")]
    [InlineData("numeric(12,2)", "NUMERIC(12,2)")]
    [InlineData("numeric(18,0)", "NUMERIC(18,0)")]
    [InlineData("numeric(30,2)", "VARCHAR(1000)")]
    [InlineData("numeric", "VARCHAR(1000)")]
    [InlineData("real", "REAL")]
    [InlineData("double precision", "DOUBLE")]
    [InlineData("text", "LONGVARCHAR")]
    [InlineData("varchar(40)", "VARCHAR(40)")]
    [InlineData("character varying", "LONGVARCHAR")]
    [InlineData("char(3)", "CHAR(3)")]
    [InlineData("bytea", "LONGVARBINARY")]
    [InlineData("date", "DATE")]
    [InlineData("time", "TIME(6)")]
    [InlineData("time(3)", "TIME(3)")]
    [InlineData("timestamp", "TIMESTAMP")]
    [InlineData("timestamp with time zone", "TIMESTAMP")]
    [InlineData("uuid", "VARCHAR(36)")]
    [InlineData("json", "LONGVARCHAR")]
    [InlineData("jsonb", "LONGVARCHAR")]
    [InlineData("interval", "VARCHAR(255)")]
    [InlineData("integer[]", "LONGVARCHAR")]
    [InlineData("text[]", "LONGVARCHAR")]
    [InlineData("vector(3)", "VECTOR(DOUBLE, 3)")]
    [InlineData("VECTOR( 1536 )", "VECTOR(DOUBLE, 1536)")]
    public void PostgreSQL_types_map_to_these_IRIS_column_types(string postgres, string iris) =>
        Assert.Equal(iris, IrisTypeMapping.ToIrisColumnType(postgres));

    [Theory]
    [InlineData("vector(0)")]
    [InlineData("vector")]
    [InlineData("vectors(3)")]
    public void Only_vector_with_a_positive_dimension_is_a_vector(string name) =>
        Assert.False(IrisTypeMapping.TryParseVector(name, out _));

    [Fact]
    public void Vector_parameters_are_converted_with_to_vector_double() =>
        // "TO_VECTOR (SQL)": TO_VECTOR(data [, type ] [, length ]), type one of integer, double, decimal, string.
        Assert.Equal("TO_VECTOR(?, DOUBLE)", IrisTypeMapping.VectorParameter);

    // xDBC type names as "Data Types (SQL)" lists them ("Integer Codes for Data Types": BIT, TINYINT, BIGINT, LONGVARBINARY,
    // VARBINARY, BINARY, LONGVARCHAR, CHAR, NUMERIC, DECIMAL, INTEGER, SMALLINT, FLOAT, REAL, DOUBLE, DATE, TIME, TIMESTAMP,
    // VARCHAR, GUID).
    [Theory]
    [InlineData("BIT", -1, -1, -1, "boolean")]
    [InlineData("TINYINT", -1, -1, -1, "smallint")]
    [InlineData("SMALLINT", -1, -1, -1, "smallint")]
    [InlineData("INTEGER", -1, -1, -1, "integer")]
    [InlineData("BIGINT", -1, -1, -1, "bigint")]
    [InlineData("NUMERIC", -1, 12, 2, "numeric(12,2)")]
    [InlineData("DECIMAL", -1, -1, -1, "numeric")]
    [InlineData("DOUBLE", -1, -1, -1, "double precision")]
    [InlineData("FLOAT", -1, -1, -1, "double precision")]
    [InlineData("REAL", -1, -1, -1, "real")]
    [InlineData("VARCHAR", 40, -1, -1, "character varying(40)")]
    [InlineData("varchar", -1, -1, -1, "text")]
    [InlineData("CHAR", 3, -1, -1, "character(3)")]
    [InlineData("LONGVARCHAR", -1, -1, -1, "text")]
    [InlineData("LONGVARBINARY", -1, -1, -1, "bytea")]
    [InlineData("VARBINARY", 10, -1, -1, "bytea")]
    [InlineData("DATE", -1, -1, -1, "date")]
    [InlineData("TIME", -1, -1, -1, "time without time zone")]
    [InlineData("TIMESTAMP", -1, -1, -1, "timestamp without time zone")]
    [InlineData("POSIXTIME", -1, -1, -1, "timestamp without time zone")]
    [InlineData("GUID", -1, -1, -1, "uuid")]
    [InlineData("VECTOR", -1, -1, -1, "text")]
    public void IRIS_reader_types_map_to_these_PostgreSQL_types(string iris, int length, int precision, int scale, string postgres) =>
        Assert.Equal(postgres, PgTypeNames.Format(IrisTypeMapping.FromIrisColumnType(iris, length, precision, scale)));

    [Fact]
    public void Long_text_and_bytea_are_streams()
    {
        Assert.True(IrisTypeMapping.IsStream(PgTypeNames.Parse("text")));
        Assert.True(IrisTypeMapping.IsStream(PgTypeNames.Parse("bytea")));
        Assert.False(IrisTypeMapping.IsStream(PgTypeNames.Parse("varchar(10)")));
    }
}

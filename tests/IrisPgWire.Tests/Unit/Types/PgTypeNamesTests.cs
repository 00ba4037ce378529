using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Types;

// format_type output and atttypmod values were taken from PostgreSQL 15 (CREATE TABLE, then pg_attribute).
public class PgTypeNamesTests
{
    [Theory]
    [InlineData("numeric(5,2)", 327686, "numeric(5,2)")]
    [InlineData("numeric(15,-3)", 985089, "numeric(15,-3)")]
    [InlineData("numeric(3,5)", 196617, "numeric(3,5)")]
    [InlineData("varchar(10)", 14, "character varying(10)")]
    [InlineData("char(3)", 7, "character(3)")]
    [InlineData("timestamp(3)", 3, "timestamp(3) without time zone")]
    [InlineData("timestamptz(0)", 0, "timestamp(0) with time zone")]
    [InlineData("time(2) with time zone", 2, "time(2) with time zone")]
    [InlineData("interval(3)", 2147418115, "interval(3)")]
    [InlineData("interval day to second(2)", 470286338, "interval day to second(2)")]
    [InlineData("interval year", 327679, "interval year")]
    [InlineData("interval hour to minute", 201392127, "interval hour to minute")]
    [InlineData("interval day", 589823, "interval day")]
    [InlineData("interval minute to second(3)", 402653187, "interval minute to second(3)")]
    [InlineData("bit(4)", 4, "bit(4)")]
    [InlineData("varbit(5)", 5, "bit varying(5)")]
    [InlineData("float(10)", -1, "real")]
    [InlineData("float(30)", -1, "double precision")]
    [InlineData("float", -1, "double precision")]
    [InlineData("numeric", -1, "numeric")]
    [InlineData("numeric(7)", 458756, "numeric(7,0)")]
    [InlineData("dec(3)", 196612, "numeric(3,0)")]
    [InlineData("decimal(4,1)", 262149, "numeric(4,1)")]
    [InlineData("char", 5, "character(1)")]
    [InlineData("character", 5, "character(1)")]
    [InlineData("bpchar", -1, "bpchar")]
    [InlineData("\"char\"", -1, "\"char\"")]
    [InlineData("int[]", -1, "integer[]")]
    [InlineData("int4[3]", -1, "integer[]")]
    [InlineData("int array", -1, "integer[]")]
    [InlineData("int array[4]", -1, "integer[]")]
    [InlineData("int2[][]", -1, "smallint[]")]
    [InlineData("_int4", -1, "integer[]")]
    [InlineData("varchar(3)[][]", 7, "character varying(3)[]")]
    [InlineData("bit", 1, "bit(1)")]
    [InlineData("character varying", -1, "character varying")]
    [InlineData("national char varying(3)", 7, "character varying(3)")]
    [InlineData("char varying(4)", 8, "character varying(4)")]
    [InlineData("timestamp(7)", 6, "timestamp(6) without time zone")]
    [InlineData("time(3) without time zone", 3, "time(3) without time zone")]
    [InlineData("timetz(3)", 3, "time(3) with time zone")]
    [InlineData("TIMESTAMP WITH TIME ZONE", -1, "timestamp with time zone")]
    [InlineData("double precision", -1, "double precision")]
    [InlineData("pg_catalog.int4", -1, "integer")]
    [InlineData("Bool", -1, "boolean")]
    [InlineData("int8", -1, "bigint")]
    [InlineData("jsonb", -1, "jsonb")]
    [InlineData("regproc", -1, "regproc")]
    public void Parses_sql_spellings_with_postgresql_typmods(string input, int typmod, string formatted)
    {
        var type = PgTypeNames.Parse(input);
        Assert.Equal(typmod, type.Modifier);
        Assert.Equal(formatted, PgTypeNames.Format(type));
    }

    [Theory]
    [InlineData("varchar(0)", "22023", "length for type varchar must be at least 1")]
    [InlineData("varchar(10485761)", "22023", "length for type varchar cannot exceed 10485760")]
    [InlineData("char(0)", "22023", "length for type char must be at least 1")]
    [InlineData("bit(0)", "22023", "length for type bit must be at least 1")]
    [InlineData("numeric(0)", "22023", "NUMERIC precision 0 must be between 1 and 1000")]
    [InlineData("numeric(1001)", "22023", "NUMERIC precision 1001 must be between 1 and 1000")]
    [InlineData("numeric(5,-1001)", "22023", "NUMERIC scale -1001 must be between -1000 and 1000")]
    [InlineData("numeric(1,2,3)", "22023", "invalid NUMERIC type modifier")]
    [InlineData("float(0)", "22023", "precision for type float must be at least 1 bit")]
    [InlineData("float(54)", "22023", "precision for type float must be less than 54 bits")]
    [InlineData("foo", "42704", "type \"foo\" does not exist")]
    [InlineData("int(4)", "42601", "syntax error at or near \"(\"")]
    public void Rejects_bad_names_and_modifiers_as_postgresql_does(string input, string state, string message)
    {
        var e = Assert.Throws<PgErrorException>(() => PgTypeNames.Parse(input));
        Assert.Equal(state, e.SqlState);
        Assert.Equal(message, e.Message);
    }
}

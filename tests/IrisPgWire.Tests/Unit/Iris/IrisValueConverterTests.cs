using IrisPgWire.Backends.Iris;
using IrisPgWire.Errors;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Iris;

public class IrisValueConverterTests
{
    private static PgTypeRef T(string name) => PgTypeNames.Parse(name);

    // "Data Types (SQL)", RSQL_datatype, BIT: in logical and ODBC mode the only accepted values are 0, 1 and NULL.
    [Fact]
    public void Booleans_are_sent_as_one_and_zero()
    {
        Assert.Equal(1, IrisValueConverter.ToParameter(true, T("boolean")));
        Assert.Equal(0, IrisValueConverter.ToParameter(false, T("boolean")));
        Assert.Equal(true, IrisValueConverter.FromReader(1, T("boolean")));
        Assert.Equal(false, IrisValueConverter.FromReader((byte)0, T("boolean")));
        Assert.Equal(true, IrisValueConverter.FromReader(true, T("boolean")));
    }

    // InterSystems FAQ, "NULL data and the empty string ('') are different data" (community.intersystems.com/node/574126):
    // insert ... values(NULL) vs values('').
    [Fact]
    public void Null_and_the_empty_string_stay_apart_both_ways()
    {
        Assert.Same(DBNull.Value, IrisValueConverter.ToParameter(null, T("text")));
        Assert.Equal("", IrisValueConverter.ToParameter("", T("text")));
        Assert.Null(IrisValueConverter.FromReader(DBNull.Value, T("text")));
        Assert.Equal("", IrisValueConverter.FromReader("", T("text")));
        // $CHAR(0) is IRIS's stored form of ''.
        Assert.Equal("", IrisValueConverter.FromReader("\0", T("text")));
    }

    [Fact]
    public void Integers_bytea_and_finite_floats_pass_through()
    {
        Assert.Equal((short)-3, IrisValueConverter.ToParameter((short)-3, T("smallint")));
        Assert.Equal(long.MaxValue, IrisValueConverter.ToParameter(long.MaxValue, T("bigint")));
        Assert.Equal(4294967295L, IrisValueConverter.ToParameter(4294967295u, T("oid")));
        Assert.Equal(1.5, IrisValueConverter.ToParameter(1.5f, T("real")));
        Assert.Equal(new byte[] { 0, 255 }, IrisValueConverter.ToParameter(new byte[] { 0, 255 }, T("bytea")));
        Assert.Equal(12.25m, IrisValueConverter.ToParameter("12.25", T("numeric(10,2)")));
        // Wider than IRIS NUMERIC: kept as its exact text.
        Assert.Equal("123456789012345678901234.5", IrisValueConverter.ToParameter("123456789012345678901234.5", T("numeric")));
    }

    // ObjectScript Reference, "$DOUBLE" (RCOS_fdouble): IEEE INF and NAN exist only as $DOUBLE values; SQL numbers do not hold them.
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_doubles_are_refused_with_numeric_value_out_of_range(double value)
    {
        Assert.Equal(SqlState.NumericValueOutOfRange,
            Assert.Throws<PgErrorException>(() => IrisValueConverter.ToParameter(value, T("double precision"))).SqlState);
        Assert.Equal(SqlState.NumericValueOutOfRange,
            Assert.Throws<PgErrorException>(() => IrisValueConverter.ToParameter((float)value, T("real"))).SqlState);
    }

    [Fact]
    public void Numeric_nan_is_refused_for_an_IRIS_numeric_column() =>
        Assert.Equal(SqlState.NumericValueOutOfRange,
            Assert.Throws<PgErrorException>(() => IrisValueConverter.ToParameter("NaN", T("numeric(5,1)"))).SqlState);

    // "Data Types (SQL)", "Date, Time, PosixTime, and TimeStamp Data Types": ODBC format YYYY-MM-DD, HH:MM:SS[.fff],
    // YYYY-MM-DD HH:MM:SS[.fff].
    [Fact]
    public void Dates_and_times_go_as_odbc_text_and_timestamptz_as_utc()
    {
        Assert.Equal("2024-02-29", IrisValueConverter.ToParameter("2024-02-29", T("date")));
        Assert.Equal("23:59:59.5", IrisValueConverter.ToParameter("23:59:59.5", T("time")));
        Assert.Equal("2024-02-29 12:34:56.789", IrisValueConverter.ToParameter("2024-02-29 12:34:56.789", T("timestamp")));
        Assert.Equal("2024-02-29 12:34:56", IrisValueConverter.ToParameter("2024-02-29 12:34:56+00", T("timestamptz")));
    }

    [Theory]
    [InlineData("infinity", "date")]
    [InlineData("-infinity", "timestamp")]
    [InlineData("0044-03-15 BC", "date")]
    [InlineData("10000-01-01", "date")]
    [InlineData("24:00:00", "time")]
    public void Dates_IRIS_cannot_hold_are_refused_with_datetime_field_overflow(string value, string type) =>
        Assert.Equal(SqlState.DatetimeFieldOverflow,
            Assert.Throws<PgErrorException>(() => IrisValueConverter.ToParameter(value, T(type))).SqlState);

    [Fact]
    public void Reader_dates_and_times_become_PostgreSQL_text()
    {
        var dt = new DateTime(2024, 2, 29, 12, 34, 56, 789);
        Assert.Equal("2024-02-29", IrisValueConverter.FromReader(dt.Date, T("date")));
        Assert.Equal("2024-02-29 12:34:56.789", IrisValueConverter.FromReader(dt, T("timestamp")));
        Assert.Equal("2024-02-29 12:34:56.789+00", IrisValueConverter.FromReader(dt, T("timestamptz")));
        Assert.Equal("08:00:00", IrisValueConverter.FromReader(new TimeSpan(8, 0, 0), T("time")));
        Assert.Equal("08:00:00.000001", IrisValueConverter.FromReader(new TimeSpan(8, 0, 0) + TimeSpan.FromTicks(10), T("time")));
    }

    [Fact]
    public void Reader_numbers_keep_the_column_scale()
    {
        Assert.Equal("1.50", IrisValueConverter.FromReader(1.5m, T("numeric(10,2)")));
        Assert.Equal(7, IrisValueConverter.FromReader(7L, T("integer")));
        Assert.Equal((short)7, IrisValueConverter.FromReader(7, T("smallint")));
        Assert.Equal(2.5f, IrisValueConverter.FromReader(2.5, T("real")));
        Assert.Equal("0a1b2c3d-0000-0000-0000-000000000001",
            IrisValueConverter.FromReader(Guid.Parse("0A1B2C3D-0000-0000-0000-000000000001"), T("uuid")));
    }

    // pgvector's input errors for vector(3): "expected 3 dimensions, not 2" (22000) and "invalid input syntax for type vector".
    [Fact]
    public void Vector_text_is_checked_for_its_dimensions()
    {
        Assert.Equal("[1,2.5,-3]", IrisValueConverter.ToParameter("[1,2.5,-3]", T("text"), 3));
        var wrong = Assert.Throws<PgErrorException>(() => IrisValueConverter.ToParameter("[1,2]", T("text"), 3));
        Assert.Equal(SqlState.DataException, wrong.SqlState);
        Assert.Equal("expected 3 dimensions, not 2", wrong.Message);
        Assert.Equal(SqlState.InvalidTextRepresentation,
            Assert.Throws<PgErrorException>(() => IrisValueConverter.ToParameter("[1,x,3]", T("text"), 3)).SqlState);
    }
}

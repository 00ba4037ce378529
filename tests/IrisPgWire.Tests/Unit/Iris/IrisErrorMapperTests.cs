using IrisPgWire.Backends.Iris;
using IrisPgWire.Errors;

namespace IrisPgWire.Tests.Unit.Iris;

public class IrisErrorMapperTests
{
    // SQLCODE meanings from "SQL Error Messages", https://docs.intersystems.com/csp/docbook/DocBook.UI.Page.cls?KEY=RERR_sql;
    // SQLSTATEs from the PostgreSQL manual, Appendix A.
    [Theory]
    [InlineData(-119, "23505")] // UNIQUE or PRIMARY KEY Constraint failed uniqueness check upon INSERT
    [InlineData(-120, "23505")] // ... upon UPDATE
    [InlineData(-108, "23502")] // Required field missing; INSERT or UPDATE not allowed
    [InlineData(-121, "23503")] // FOREIGN KEY constraint failed referential check upon INSERT
    [InlineData(-30, "42P01")]  // Table or view not found
    [InlineData(-29, "42703")]  // Field not found in the applicable tables
    [InlineData(-27, "42702")]  // Field is ambiguous among the applicable tables
    [InlineData(-110, "55P03")] // Locking conflict in filing
    [InlineData(-114, "55P03")] // One or more matching rows is locked by another user
    [InlineData(-1, "42601")]   // Invalid SQL statement
    [InlineData(-12, "42601")]  // A term expected
    [InlineData(-146, "22007")] // Unable to convert date input to a valid logical date value
    [InlineData(-147, "22007")] // Unable to convert time input to a valid logical time value
    [InlineData(-201, "42P07")] // Table or view name not unique
    [InlineData(-377, "42701")] // Field appears more than once in the INSERT
    [InlineData(-99, "42501")]  // Privilege violation
    [InlineData(-400, "XX000")] // Fatal error occurred
    public void Sqlcodes_map_to_these_sqlstates(int sqlCode, string sqlState) =>
        Assert.Equal(sqlState, IrisErrorMapper.Map(sqlCode, "x").SqlState);

    [Fact]
    public void Positive_codes_as_jdbc_and_odbc_report_them_map_like_negative_ones() =>
        // RERR_sql: "JDBC and ODBC clients always receive positive values".
        Assert.Equal(SqlState.UniqueViolation, IrisErrorMapper.Map(119, "x").SqlState);

    [Fact]
    public void Uniqueness_errors_use_PostgreSQL_wording_with_the_IRIS_constraint_name()
    {
        const string message = "[SQLCODE: <-119>:<UNIQUE or PRIMARY KEY Constraint failed uniqueness check upon INSERT>]\r\n" +
            "[Location: <ServerLoop>]\r\n[%msg: <Table 'SQLUser.People', Constraint 'PEOPLEPKEY1', Field(s) id=\"1\"; failed unique check>]";
        var e = IrisErrorMapper.Map(-119, message);
        Assert.Equal("duplicate key value violates unique constraint \"PEOPLEPKEY1\"", e.Message);
        Assert.Equal("PEOPLEPKEY1", e.ConstraintName);
        Assert.Equal("IRIS SQLCODE -119: Table 'SQLUser.People', Constraint 'PEOPLEPKEY1', Field(s) id=\"1\"; failed unique check", e.Detail);
    }

    // RERR_sql: -104 "Field validation failed in INSERT, or value failed to convert in DisplayToLogical or OdbcToLogical".
    [Theory]
    [InlineData("ERROR #7201: Datatype value 'abcd' length longer than MAXLEN allowed of 3", "22001")]
    [InlineData("ERROR #7204: Datatype value '300' greater than MAXVAL allowed of 127", "22003")]
    [InlineData("ERROR #7207: Datatype value 'abc' is not a valid number", "22P02")]
    public void Field_validation_failures_map_by_what_failed(string msg, string sqlState) =>
        Assert.Equal(sqlState, IrisErrorMapper.Map(-104, $"[SQLCODE: <-104>:<Field validation failed in INSERT>] [%msg: <{msg}>]").SqlState);

    [Fact]
    public void Unknown_codes_are_internal_errors_with_the_sqlcode_in_detail()
    {
        var e = IrisErrorMapper.Map(-9999, "something odd");
        Assert.Equal(SqlState.InternalError, e.SqlState);
        Assert.Equal("IRIS SQLCODE -9999: something odd", e.Detail);
    }

    [Fact]
    public void Connection_details_never_reach_the_client()
    {
        const string message = "Connection to Server=iris.internal.example;Port=1972;Namespace=USER;User ID=_SYSTEM;Password=SYS failed " +
            "at 10.1.2.3:1972 and iris.internal.example:51773";
        var e = IrisErrorMapper.Map(-400, message);
        foreach (var secret in new[] { "iris.internal.example", "1972", "USER", "_SYSTEM", "SYS ", "10.1.2.3", "51773" })
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.Detail!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sanitising_keeps_ordinary_text_and_times()
    {
        Assert.Equal("Field 'T.Name' (value '10:30') failed validation",
            IrisErrorMapper.Sanitize("Field 'T.Name' (value '10:30') failed validation"));
    }

    [Theory]
    [InlineData("[SQLCODE: <-30>:<Table or view not found>]", -30)]
    [InlineData("SQLCODE=-29 Field not found", -29)]
    [InlineData("error SQLCODE -1", -1)]
    public void The_sqlcode_is_read_from_provider_messages(string message, int expected)
    {
        Assert.True(IrisErrorMapper.TryParseSqlCode(message, out var code));
        Assert.Equal(expected, code);
    }

    [Fact]
    public void A_message_without_a_sqlcode_is_not_parsed() =>
        Assert.False(IrisErrorMapper.TryParseSqlCode("socket closed", out _));
}

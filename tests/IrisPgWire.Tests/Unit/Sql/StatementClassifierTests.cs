using IrisPgWire.Errors;
using IrisPgWire.Sql;

namespace IrisPgWire.Tests.Unit.Sql;

public class StatementClassifierTests
{
    private static PgErrorException SyntaxError(string sql)
    {
        var error = Assert.Throws<PgErrorException>(() => StatementClassifier.Classify(sql));
        Assert.Equal(SqlState.SyntaxError, error.SqlState);
        return error;
    }

    [Theory]
    [InlineData("", StatementKind.Empty)]
    [InlineData("  -- only a comment", StatementKind.Empty)]
    [InlineData("BEGIN", StatementKind.Begin)]
    [InlineData("begin work", StatementKind.Begin)]
    [InlineData("BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE", StatementKind.Begin)]
    [InlineData("begin isolation level read committed, read only not deferrable", StatementKind.Begin)]
    [InlineData("START TRANSACTION READ WRITE, ISOLATION LEVEL REPEATABLE READ", StatementKind.Begin)]
    [InlineData("start transaction isolation level read uncommitted deferrable", StatementKind.Begin)]
    [InlineData("COMMIT", StatementKind.Commit)]
    [InlineData("commit work and no chain", StatementKind.Commit)]
    [InlineData("END TRANSACTION", StatementKind.Commit)]
    [InlineData("end", StatementKind.Commit)]
    [InlineData("ROLLBACK", StatementKind.Rollback)]
    [InlineData("rollback transaction and no chain", StatementKind.Rollback)]
    [InlineData("ABORT WORK", StatementKind.Rollback)]
    [InlineData("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", StatementKind.SetTransaction)]
    [InlineData("set local transaction read only", StatementKind.SetTransaction)]
    [InlineData("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", StatementKind.SetTransaction)]
    [InlineData("set transaction snapshot '00000003-0000001B-1'", StatementKind.SetTransaction)]
    [InlineData("COPY t FROM STDIN", StatementKind.Copy)]
    [InlineData("copy (select 1) to stdout", StatementKind.Copy)]
    [InlineData("SELECT 1", StatementKind.Query)]
    [InlineData("insert into begin values (1)", StatementKind.Query)]
    [InlineData("(select 1)", StatementKind.Query)]
    [InlineData("COMMIT PREPARED 'x'", StatementKind.Query)]
    [InlineData("rollback prepared 'x'", StatementKind.Query)]
    [InlineData("\"begin\"", StatementKind.Query)]
    public void Statements_are_classified_by_their_leading_keywords(string sql, StatementKind kind)
    {
        Assert.Equal(kind, StatementClassifier.Classify(sql).Kind);
    }

    [Theory]
    [InlineData("SAVEPOINT sp1", StatementKind.Savepoint, "sp1")]
    [InlineData("savepoint \"My SP\"", StatementKind.Savepoint, "My SP")]
    [InlineData("RELEASE SAVEPOINT Sp1", StatementKind.ReleaseSavepoint, "sp1")]
    [InlineData("release sp1", StatementKind.ReleaseSavepoint, "sp1")]
    [InlineData("release savepoint", StatementKind.ReleaseSavepoint, "savepoint")]
    [InlineData("ROLLBACK TO SAVEPOINT sp1", StatementKind.RollbackToSavepoint, "sp1")]
    [InlineData("rollback work to sp1", StatementKind.RollbackToSavepoint, "sp1")]
    [InlineData("rollback transaction to savepoint x", StatementKind.RollbackToSavepoint, "x")]
    [InlineData("DISCARD ALL", StatementKind.Discard, "all")]
    [InlineData("discard temporary", StatementKind.Discard, "temp")]
    [InlineData("discard plans", StatementKind.Discard, "plans")]
    [InlineData("DEALLOCATE stmt1", StatementKind.Deallocate, "stmt1")]
    [InlineData("deallocate prepare \"S_1\"", StatementKind.Deallocate, "S_1")]
    [InlineData("deallocate prepare", StatementKind.Deallocate, "prepare")]
    [InlineData("DEALLOCATE ALL", StatementKind.Deallocate, null)]
    [InlineData("deallocate prepare all", StatementKind.Deallocate, null)]
    [InlineData("SHOW search_path", StatementKind.Show, "search_path")]
    [InlineData("show TIME ZONE", StatementKind.Show, "timezone")]
    [InlineData("SHOW TRANSACTION ISOLATION LEVEL", StatementKind.Show, "transaction_isolation")]
    [InlineData("show session authorization", StatementKind.Show, "session_authorization")]
    [InlineData("SHOW ALL", StatementKind.Show, "all")]
    [InlineData("show MyApp.Some_Setting", StatementKind.Show, "myapp.some_setting")]
    [InlineData("RESET ALL", StatementKind.Reset, "all")]
    [InlineData("reset time zone", StatementKind.Reset, "timezone")]
    [InlineData("reset DateStyle", StatementKind.Reset, "datestyle")]
    public void Named_statements_carry_their_name(string sql, StatementKind kind, string? name)
    {
        var statement = StatementClassifier.Classify(sql);
        Assert.Equal((kind, name), (statement.Kind, statement.Name));
        Assert.Equal(sql, statement.Sql);
    }

    [Theory]
    [InlineData("SET search_path TO a, \"B\", 'c d'", "search_path", "a, B, c d")]
    [InlineData("set DateStyle = 'ISO, MDY'", "datestyle", "ISO, MDY")]
    [InlineData("SET client_encoding TO UTF8", "client_encoding", "utf8")]
    [InlineData("set extra_float_digits = 3", "extra_float_digits", "3")]
    [InlineData("set extra_float_digits=-1", "extra_float_digits", "-1")]
    [InlineData("set x.y to +1.5e3", "x.y", "1.5e3")]
    [InlineData("set x.y to on", "x.y", "on")]
    [InlineData("set x.y to TRUE", "x.y", "true")]
    [InlineData("set x.y to left", "x.y", "left")]
    [InlineData("SET \"MyApp.X\" TO $$v$$", "myapp.x", "v")]
    [InlineData("SET SESSION statement_timeout TO 0", "statement_timeout", "0")]
    [InlineData("set work_mem to default", "work_mem", null)]
    [InlineData("SET TIME ZONE 'Europe/Paris'", "timezone", "Europe/Paris")]
    [InlineData("set time zone UTC", "timezone", "utc")]
    [InlineData("set time zone -7", "timezone", "-7")]
    [InlineData("set time zone local", "timezone", null)]
    [InlineData("SET TIME ZONE DEFAULT", "timezone", null)]
    [InlineData("set time zone interval '+02:00' hour to minute", "timezone", "+02:00")]
    [InlineData("SET NAMES 'UTF8'", "client_encoding", "UTF8")]
    [InlineData("set names", "client_encoding", null)]
    [InlineData("SET SCHEMA 'app'", "search_path", "app")]
    [InlineData("SET ROLE admin", "role", "admin")]
    [InlineData("set role none", "role", "none")]
    [InlineData("SET SESSION AUTHORIZATION 'joe'", "session_authorization", "joe")]
    [InlineData("set session session authorization default", "session_authorization", null)]
    [InlineData("set xml option document", "xmloption", "document")]
    public void Set_carries_the_name_and_the_value_as_show_would_print_it(string sql, string name, string? value)
    {
        var statement = StatementClassifier.Classify(sql);
        Assert.Equal((StatementKind.Set, name, value, false), (statement.Kind, statement.Name, statement.Value, statement.IsLocal));
    }

    [Fact]
    public void Set_local_is_marked_local()
    {
        var statement = StatementClassifier.Classify("SET LOCAL search_path = app");
        Assert.Equal((StatementKind.Set, "search_path", "app", true), (statement.Kind, statement.Name, statement.Value, statement.IsLocal));
        Assert.True(StatementClassifier.Classify("set local time zone 'UTC'").IsLocal);
    }

    [Theory]
    [InlineData("begin foo", "syntax error at or near \"foo\"", 7)]
    [InlineData("commit and", "syntax error at end of input", 11)]
    [InlineData("rollback to", "syntax error at end of input", 12)]
    [InlineData("set x", "syntax error at end of input", 6)]
    [InlineData("set x to", "syntax error at end of input", 9)]
    [InlineData("set time zone", "syntax error at end of input", 14)]
    [InlineData("release", "syntax error at end of input", 8)]
    [InlineData("savepoint", "syntax error at end of input", 10)]
    [InlineData("show", "syntax error at end of input", 5)]
    [InlineData("set x.y to default, 1", "syntax error at or near \",\"", 19)]
    [InlineData("deallocate", "syntax error at end of input", 11)]
    [InlineData("discard foo", "syntax error at or near \"foo\"", 9)]
    [InlineData("set transaction isolation level foo", "syntax error at or near \"foo\"", 33)]
    [InlineData("start", "syntax error at end of input", 6)]
    [InlineData("set x.y to select", "syntax error at or near \"select\"", 12)]
    [InlineData("set x.y = abc def", "syntax error at or near \"def\"", 15)]
    [InlineData("abort to x", "syntax error at or near \"to\"", 7)]
    [InlineData("set schema foo", "syntax error at or near \"foo\"", 12)]
    [InlineData("savepoint select", "syntax error at or near \"select\"", 11)]
    [InlineData("set x.select to 1", "syntax error at or near \"select\"", 7)]
    [InlineData("set select.x to 1", "syntax error at or near \"select\"", 5)]
    [InlineData("begin read only,", "syntax error at end of input", 17)]
    [InlineData("SET x.y TO 'é' 'b'", "syntax error at or near \"'b'\"", 16)]
    public void Malformed_statements_give_postgresql_syntax_errors(string sql, string message, int position)
    {
        var error = SyntaxError(sql);
        Assert.Equal((message, position), (error.Message, error.Position));
    }
}

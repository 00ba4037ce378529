using IrisPgWire.Backends;
using IrisPgWire.Backends.Sqlite;
using IrisPgWire.Types;

namespace IrisPgWire.Tests.Unit.Backends.Sqlite;

/// <summary>
/// Behaviour of the embedded store compared with PostgreSQL 15: expected messages, names, types and tags
/// were taken from psql against a real PostgreSQL 15 server.
/// </summary>
public sealed class SqliteBackendTests : SqliteTestHarness
{
    private const string Shop = "create table t (id serial primary key, name varchar(5) not null, price numeric(10,2), ok boolean default true, n int check (n > 0), f float8)";

    [Fact]
    public async Task Create_table_reports_its_tag_and_insert_counts_rows()
    {
        Assert.Equal("CREATE TABLE", (await RunAsync(Shop)).Tag);
        Assert.Equal("INSERT 0 2", (await RunAsync("insert into t (name, price) values ('a', '1.5'), ('b', 2)")).Tag);
    }

    [Fact]
    public async Task Values_round_trip_with_their_declared_types()
    {
        await RunAsync(Shop);
        await RunAsync("insert into t (name, price, f) values ('a', '1.5', 'NaN'), ('bb', 10, 2.5)");
        var r = await RunAsync("select * from t order by id");
        Assert.Equal(["id", "name", "price", "ok", "n", "f"], r.Columns!.Select(c => c.Name));
        Assert.Equal([23u, 1043u, 1700u, 16u, 23u, 701u], r.Columns!.Select(c => c.Type.Oid));
        Assert.All(r.Columns!, c => Assert.True(c.TableOid >= 16384));
        Assert.Equal([(short)1, (short)2, (short)3, (short)4, (short)5, (short)6], r.Columns!.Select(c => c.ColumnNumber));
        Assert.Equal([1, "a", "1.50", true, null, double.NaN], r.Rows[0]);
        Assert.Equal([2, "bb", "10.00", true, null, 2.5], r.Rows[1]);
        Assert.Equal("SELECT 2", r.Tag);
    }

    [Fact]
    public async Task Too_long_varchar_is_22001()
    {
        await RunAsync(Shop);
        var e = await FailsAsync("insert into t (name) values ('abcdef')");
        Assert.Equal("22001", e.SqlState);
        Assert.Equal("value too long for type character varying(5)", e.Message);
    }

    [Fact]
    public async Task Null_in_not_null_column_is_23502()
    {
        await RunAsync(Shop);
        var e = await FailsAsync("insert into t (name) values (null)");
        Assert.Equal("23502", e.SqlState);
        Assert.Equal("null value in column \"name\" of relation \"t\" violates not-null constraint", e.Message);
    }

    [Fact]
    public async Task Duplicate_primary_key_is_23505_named_t_pkey()
    {
        await RunAsync(Shop);
        await RunAsync("insert into t (id, name) values (1, 'a')");
        var e = await FailsAsync("insert into t (id, name) values (1, 'a')");
        Assert.Equal("23505", e.SqlState);
        Assert.Equal("duplicate key value violates unique constraint \"t_pkey\"", e.Message);
    }

    [Fact]
    public async Task Bad_integer_literal_is_22P02_and_out_of_range_is_22003()
    {
        await RunAsync(Shop);
        var e = await FailsAsync("insert into t (name, n) values ('a', 'x')");
        Assert.Equal("22P02", e.SqlState);
        Assert.Equal("invalid input syntax for type integer: \"x\"", e.Message);
        var o = await FailsAsync("insert into t (name, n) values ('a', 3000000000)");
        Assert.Equal("22003", o.SqlState);
        Assert.Equal("integer out of range", o.Message);
    }

    [Fact]
    public async Task Check_violation_is_23514_with_the_column_constraint_name()
    {
        await RunAsync(Shop);
        var e = await FailsAsync("insert into t (name, n) values ('a', 0)");
        Assert.Equal("23514", e.SqlState);
        Assert.Equal("new row for relation \"t\" violates check constraint \"t_n_check\"", e.Message);
    }

    [Fact]
    public async Task Unknown_names_give_postgresql_errors()
    {
        await RunAsync(Shop);
        var c = await FailsAsync("select nope from t");
        Assert.Equal(("42703", "column \"nope\" does not exist"), (c.SqlState, c.Message));
        var q = await FailsAsync("select t.nope from t");
        Assert.Equal(("42703", "column t.nope does not exist"), (q.SqlState, q.Message));
        var r = await FailsAsync("select * from nope");
        Assert.Equal(("42P01", "relation \"nope\" does not exist"), (r.SqlState, r.Message));
        var d = await FailsAsync("create table t (a int)");
        Assert.Equal(("42P07", "relation \"t\" already exists"), (d.SqlState, d.Message));
        var x = await FailsAsync("drop table nope");
        Assert.Equal(("42P01", "table \"nope\" does not exist"), (x.SqlState, x.Message));
    }

    [Fact]
    public async Task Expression_columns_are_named_and_typed_as_postgresql_does()
    {
        await RunAsync(Shop);
        await RunAsync("insert into t (name) values ('a')");
        var r = await RunAsync("select 1, 'a', 1.5, true, count(*), sum(id), avg(id), now() from t group by name");
        Assert.Equal(["?column?", "?column?", "?column?", "?column?", "count", "sum", "avg", "now"], r.Columns!.Select(c => c.Name));
        Assert.Equal([23u, 25u, 1700u, 16u, 20u, 20u, 1700u, 1184u], r.Columns!.Select(c => c.Type.Oid));
        Assert.Equal(1, r.Rows[0][0]);
        Assert.Equal("a", r.Rows[0][1]);
        Assert.Equal(true, r.Rows[0][3]);
        Assert.Equal(1L, r.Rows[0][4]);
        Assert.Equal("2024-05-06 07:08:09.123456+00", r.Rows[0][7]);
    }

    [Fact]
    public async Task Casts_name_and_type_their_columns()
    {
        await RunAsync(Shop);
        await RunAsync("insert into t (name) values ('a')");
        var r = await RunAsync("select id::text, cast(id as bigint), '5'::int, 3000000000, 1 + id, name || 'x', id = 1 from t");
        Assert.Equal(["id", "id", "int4", "?column?", "?column?", "?column?", "?column?"], r.Columns!.Select(c => c.Name));
        Assert.Equal([25u, 20u, 23u, 20u, 23u, 25u, 16u], r.Columns!.Select(c => c.Type.Oid));
        Assert.Equal(["1", 1L, 5, 3000000000L, 2, "ax", true], r.Rows[0]);
    }

    [Fact]
    public async Task Nulls_sort_last_ascending_and_first_descending_as_in_postgresql()
    {
        await RunAsync("create table s (a int)");
        await RunAsync("insert into s values (2), (null), (1)");
        Assert.Equal([1, 2, null], (await RunAsync("select a from s order by a")).Rows.Select(x => x[0]));
        Assert.Equal([null, 2, 1], (await RunAsync("select a from s order by a desc")).Rows.Select(x => x[0]));
        Assert.Equal([null, 1, 2], (await RunAsync("select a from s order by a nulls first")).Rows.Select(x => x[0]));
    }

    [Fact]
    public async Task Like_is_case_sensitive_and_ilike_is_not()
    {
        await RunAsync("create table s (a text)");
        await RunAsync("insert into s values ('Apple'), ('apple'), ('a_c')");
        Assert.Single((await RunAsync("select a from s where a like 'A%'")).Rows);
        Assert.Equal(2, (await RunAsync("select a from s where a ilike 'a%' and a not like '%\\_%'")).Rows.Count);
    }

    [Fact]
    public async Task Numeric_values_compare_and_sort_by_value()
    {
        await RunAsync("create table p (v numeric(10,2))");
        await RunAsync("insert into p values (10), (9.5), (100)");
        Assert.Equal(["9.50", "10.00", "100.00"], (await RunAsync("select v from p order by v")).Rows.Select(x => x[0]));
        Assert.Equal(2, (await RunAsync("select v from p where v > 9.9")).Rows.Count);
    }

    [Fact]
    public async Task Update_and_delete_report_counts_and_returning_rows()
    {
        await RunAsync(Shop);
        await RunAsync("insert into t (name) values ('a'), ('b'), ('c')");
        Assert.Equal("UPDATE 2", (await RunAsync("update t set n = 5 where id >= 2")).Tag);
        var d = await RunAsync("delete from t where n = $1 returning id, name", "5");
        Assert.Equal("DELETE 2", d.Tag);
        Assert.Equal([2, 3], d.Rows.Select(x => x[0]).Order());
        var i = await RunAsync("insert into t (name) values ('z') returning id");
        Assert.Equal(("INSERT 0 1", 4), (i.Tag, i.Rows[0][0]));
    }

    [Fact]
    public async Task On_conflict_do_nothing_inserts_nothing_and_do_update_updates()
    {
        await RunAsync(Shop);
        await RunAsync("insert into t (id, name) values (1, 'a')");
        Assert.Equal("INSERT 0 0", (await RunAsync("insert into t (id, name) values (1, 'b') on conflict do nothing")).Tag);
        await RunAsync("insert into t (id, name) values (1, 'b') on conflict (id) do update set name = excluded.name");
        Assert.Equal("b", (await RunAsync("select name from t")).Rows[0][0]);
    }

    [Fact]
    public async Task Rollback_leaves_no_table_and_no_catalogue_entry_behind()
    {
        await Session.BeginAsync(CancellationToken.None);
        await RunAsync("create table gone (a int)");
        await RunAsync("insert into gone values (1)");
        await Session.RollbackAsync(CancellationToken.None);
        var e = await FailsAsync("select * from gone");
        Assert.Equal("42P01", e.SqlState);
        Assert.Equal("CREATE TABLE", (await RunAsync("create table gone (a int)")).Tag);
    }

    [Fact]
    public async Task Rollback_to_savepoint_undoes_only_later_work()
    {
        await RunAsync("create table s (a int)");
        await Session.BeginAsync(CancellationToken.None);
        await RunAsync("insert into s values (1)");
        await Session.SavepointAsync("sp", CancellationToken.None);
        await RunAsync("insert into s values (2)");
        await Session.RollbackToSavepointAsync("sp", CancellationToken.None);
        await Session.CommitAsync(CancellationToken.None);
        Assert.Equal([1], (await RunAsync("select a from s")).Rows.Select(x => x[0]));
    }

    [Fact]
    public async Task Describe_infers_parameter_types_from_columns()
    {
        await RunAsync(Shop);
        var insert = await Session.DescribeAsync("insert into t (name, n) values ($1, $2)", [], CancellationToken.None);
        Assert.Equal([1043u, 23u], insert.ParameterTypes.Select(p => p.Oid));
        Assert.Null(insert.Columns);
        // PostgreSQL 15: {text,boolean,bigint,bigint} (a varchar column compares through text).
        var select = await Session.DescribeAsync("select id, price from t where name = $1 and ok = $2 limit $3 offset $4",
            [new PgTypeOrUnknown(null)], CancellationToken.None);
        Assert.Equal([25u, 16u, 20u, 20u], select.ParameterTypes.Select(p => p.Oid));
        Assert.Equal([23u, 1700u], select.Columns!.Select(c => c.Type.Oid));
    }

    [Fact]
    public async Task Untyped_parameters_are_read_as_the_compared_columns_type()
    {
        await RunAsync(Shop);
        await RunAsync("insert into t (name, ok) values ($1, $2)", "a", "f");
        Assert.Single((await RunAsync("select id from t where ok = $1", "false")).Rows);
    }

    [Fact]
    public async Task Insert_select_converts_each_value_to_the_target_column()
    {
        await RunAsync("create table s2 (a int)");
        await RunAsync("insert into s2 values (1), (2), (3)");
        Assert.Equal("INSERT 0 2", (await RunAsync("insert into s2 (a) select a + 10 from s2 where a > 1")).Tag);
        Assert.Equal([1, 2, 3, 12, 13], (await RunAsync("select a from s2 order by 1")).Rows.Select(x => x[0]));
    }

    [Fact]
    public async Task A_second_session_sees_committed_rows_and_waits_for_the_writer()
    {
        await RunAsync("create table s (a int)");
        await using var other = await Backend.OpenSessionAsync(new TestSessionContext(), CancellationToken.None);
        await Session.BeginAsync(CancellationToken.None);
        await RunAsync("insert into s values (1)");
        var write = Task.Run(async () =>
        {
            await using var r = await other.ExecuteAsync("insert into s values (2)", [], CancellationToken.None);
            return r.CommandTag;
        });
        await Task.Delay(200);
        Assert.False(write.IsCompleted);
        await Session.CommitAsync(CancellationToken.None);
        Assert.Equal("INSERT 0 1", await write);
        Assert.Equal(2, (await RunAsync("select a from s")).Rows.Count);
    }

    [Fact]
    public async Task Session_functions_answer_from_the_session_context()
    {
        var r = await RunAsync("select current_user, current_database(), pg_backend_pid(), current_schema(), current_setting('application_name'), set_config('application_name', 'x', false)");
        Assert.Equal(["alice", "shop", 4242, "public", string.Empty, "x"], r.Rows[0]);
        Assert.Equal(["current_user", "current_database", "pg_backend_pid", "current_schema", "current_setting", "set_config"], r.Columns!.Select(c => c.Name));
    }

    [Fact]
    public async Task Drop_and_truncate_report_postgresql_tags()
    {
        await RunAsync("create table a (x int)");
        await RunAsync("create table b (x int)");
        await RunAsync("insert into a values (1)");
        Assert.Equal("TRUNCATE TABLE", (await RunAsync("truncate a, b")).Tag);
        Assert.Empty((await RunAsync("select * from a")).Rows);
        Assert.Equal("DROP TABLE", (await RunAsync("drop table if exists a, b, c cascade")).Tag);
    }

    [Fact]
    public async Task Table_definition_lookup_gives_types_attnums_and_defaults()
    {
        await RunAsync(Shop);
        var s = (SqliteBackendSession)Session;
        var t = s.FindTable("t")!;
        Assert.Equal("public", t.Schema);
        Assert.True(t.Oid >= 16384);
        Assert.Equal(["id", "name", "price", "ok", "n", "f"], t.Columns.Select(c => c.Name));
        Assert.Equal(new PgTypeRef(PgTypeCatalog.Varchar, 9), t.Columns[1].Type);
        Assert.True(t.Columns[0].HasDefault && t.Columns[0].NotNull);
        Assert.True(t.Columns[3].HasDefault && !t.Columns[3].NotNull);
        Assert.Null(s.FindTable("missing"));
    }

    [Fact]
    public void An_unusable_data_directory_throws_with_a_reason()
    {
        var file = Path.GetTempFileName();
        try
        {
            var e = Assert.ThrowsAny<Exception>(() => new SqliteBackend(Path.Combine(file, "sub")));
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

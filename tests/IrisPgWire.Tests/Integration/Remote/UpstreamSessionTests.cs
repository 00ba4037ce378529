using IrisPgWire.Tests.Infrastructure;

namespace IrisPgWire.Tests.Integration.Remote;

/// <summary>
/// Statements, command tags, transactions and savepoints through <c>--backend postgres</c>, compared with
/// the upstream cluster answering the same psql script itself: every tag, row and error must be the same.
/// </summary>
[Collection(UpstreamServerCollection.Name)]
public class UpstreamSessionTests(UpstreamServer server)
{
    public static TheoryData<string, string> Scripts() => new()
    {
        {
            "tags",
            """
            CREATE TABLE {t} (id int PRIMARY KEY, name text);
            INSERT INTO {t} VALUES (1, 'a'), (2, 'b');
            UPDATE {t} SET name = 'c' WHERE id = 2;
            SELECT * FROM {t} ORDER BY id;
            CREATE INDEX ON {t} (name);
            ALTER TABLE {t} ADD COLUMN extra int DEFAULT 7;
            CREATE TABLE {t}_copy AS SELECT * FROM {t};
            SELECT * FROM {t}_copy ORDER BY id;
            TRUNCATE {t}_copy;
            DROP TABLE {t}_copy;
            INSERT INTO {t} (id, name) VALUES (6, 'r') RETURNING id, extra;
            DELETE FROM {t} WHERE id > 1 RETURNING *;
            DROP TABLE {t};
            """
        },
        {
            "copy_to_from_a_schema",
            """
            CREATE SCHEMA {t}_s;
            CREATE TABLE {t}_s.items (id int, name text);
            CREATE TABLE {t} (id int, name text);
            INSERT INTO {t}_s.items VALUES (1, 'in schema'), (2, 'also');
            INSERT INTO {t} VALUES (9, 'in public');
            COPY {t}_s.items TO STDOUT;
            COPY {t}_s.items (name) TO STDOUT (FORMAT csv, HEADER);
            COPY {t} TO STDOUT;
            DROP TABLE {t}_s.items;
            DROP SCHEMA {t}_s;
            DROP TABLE {t};
            """
        },
        {
            "transactions_and_savepoints",
            """
            CREATE TABLE {t} (id int PRIMARY KEY, name text);
            BEGIN;
            INSERT INTO {t} VALUES (3, 'x');
            SAVEPOINT s1;
            INSERT INTO {t} VALUES (4, 'y');
            ROLLBACK TO SAVEPOINT s1;
            RELEASE SAVEPOINT s1;
            SELECT * FROM {t} ORDER BY id;
            INSERT INTO {t} VALUES (3, 'dup');
            SELECT 1;
            ROLLBACK;
            SELECT count(*) FROM {t};
            BEGIN;
            INSERT INTO {t} VALUES (1, 'one');
            SAVEPOINT "Mixed Case";
            INSERT INTO {t} VALUES (1, 'dup');
            ROLLBACK TO "Mixed Case";
            INSERT INTO {t} VALUES (5, 'kept');
            RELEASE "Mixed Case";
            COMMIT;
            SELECT * FROM {t} ORDER BY id;
            DROP TABLE {t};
            """
        },
        {
            "errors",
            """
            CREATE TABLE {t} (id int PRIMARY KEY, name text NOT NULL);
            SELECT nosuchcolumn FROM {t};
            SELECT * FROM nosuchtable_xyz;
            INSERT INTO {t} VALUES (1, NULL);
            INSERT INTO {t} VALUES ('x', 'y');
            \set SHOW_CONTEXT always
            COPY {t} FROM STDIN WITH (FORMAT csv);
            1,a
            1,b
            \.
            COPY nosuchtable_xyz FROM STDIN;
            SELECT count(*) FROM {t};
            DROP TABLE {t};
            """
        },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task A_script_gives_the_same_output_as_the_upstream_itself(string name, string script)
    {
        var table = name[..3] + "_" + Guid.NewGuid().ToString("N")[..10];
        var text = script.Replace("{t}", table, StringComparison.Ordinal) + "\n";
        var ours = await Psql.RunAsync(server.Port, [], text);
        var theirs = await Psql.RunAsync(server.Cluster.Port, [], text);
        Assert.Equal(theirs.Stderr.Replace(table, "t", StringComparison.Ordinal), ours.Stderr.Replace(table, "t", StringComparison.Ordinal));
        Assert.Equal(theirs.Stdout.Replace(table, "t", StringComparison.Ordinal), ours.Stdout.Replace(table, "t", StringComparison.Ordinal));
    }
}

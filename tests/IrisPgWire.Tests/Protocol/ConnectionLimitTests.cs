using IrisPgWire.Backends.Sqlite;
using IrisPgWire.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrisPgWire.Tests.Protocol;

public class ConnectionLimitTests
{
    [Fact]
    public async Task A_connection_over_the_limit_gets_53300_and_the_next_one_fits_after_a_close()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("irispgwire-limit-").FullName;
        try
        {
            await using var backend = new SqliteBackend(dataDirectory);
            await using var server = new PgServer(new PgServerOptions { Port = 0, MaxConnections = 1 }, backend, NullLoggerFactory.Instance);
            await server.StartAsync(CancellationToken.None);
            var port = server.LocalEndPoint.Port;

            var (first, _) = await RawPgClient.StartAsync(port);
            await using (var second = await RawPgClient.ConnectAsync(port))
            {
                await second.SendStartupAsync([("user", "postgres")]);
                var error = Assert.Single(await second.ReadUntilClosedAsync());
                Assert.Equal("FATAL", error.Fields()['S']);
                Assert.Equal("53300", error.SqlState);
                Assert.Equal("sorry, too many clients already", error.Fields()['M']);
            }
            await first.SendRawAsync(RawPgClient.Terminate());
            await first.DisposeAsync();
            RawPgClient? third = null;
            for (var attempt = 0; attempt < 50 && third is null; attempt++)
            {
                var candidate = await RawPgClient.ConnectAsync(port);
                await candidate.SendStartupAsync([("user", "postgres")]);
                var reply = await candidate.ReadMessageAsync();
                if (reply?.Code == 'R')
                    third = candidate;
                else
                {
                    await candidate.DisposeAsync();
                    await Task.Delay(50);
                }
            }
            Assert.NotNull(third);
            await third!.DisposeAsync();
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Cli;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Addressing;
using Op25b.Core.Network;

namespace Op25b.Api.Tests.Cli;

/// <summary>
/// <c>address-space check</c> reports rows stored before the address rules existed, and changes
/// nothing. Its own database per provider: the rows it plants would poison other tests' rule sets.
/// </summary>
public abstract class AddressSpaceCheckTests(AdminApiFactory api)
{
    [Fact]
    public async Task Rows_that_break_the_address_rules_are_reported_not_rewritten_and_the_command_fails()
    {
        var (exit, output) = await RunAsync();
        Assert.True(exit == 0, output);

        await api.WithDbAsync(async db =>
        {
            db.MailRelays.Add(new MailRelay { Prefix = IPNetwork.Parse("0.0.0.0/0"), Family = IpFamily.V4, CreatedAt = AdminApiFactory.Start });
            var range = PrefixRange.Of(IPNetwork.Parse("127.0.0.0/8"));
            db.SubscriberPools.Add(new SubscriberPool
            {
                RouterGroup = "legacy", Prefix = range.Prefix, Family = range.Family, RangeFirst = range.First, RangeLast = range.Last, CreatedAt = AdminApiFactory.Start,
            });
            await db.SaveChangesAsync();
        });

        (exit, output) = await RunAsync();
        Assert.Equal(1, exit);
        Assert.Contains("relay", output);
        Assert.Contains("0.0.0.0/0 is the whole address family", output);
        Assert.Contains("pool", output);
        Assert.Contains("Loopback", output);
        await api.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.MailRelays.CountAsync());
            Assert.Equal(1, await db.SubscriberPools.CountAsync());
        });
    }

    private async Task<(int Exit, string Output)> RunAsync()
    {
        var output = new StringWriter();
        var exit = await HostCommands.RunAsync(api.Services, ["address-space", "check"], output);
        return (exit, output.ToString());
    }
}

public sealed class AddressSpaceCheckTests_on_Sqlite(SqliteApiFactory api) : AddressSpaceCheckTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AddressSpaceCheckTests_on_Postgres(PostgresApiFactory api) : AddressSpaceCheckTests(api), IClassFixture<PostgresApiFactory>;

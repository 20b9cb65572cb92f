using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Tests.Hosting;

/// <summary>
/// Two hosts of one deployment behind a load balancer: a console cookie issued by one must
/// open the console on the other, because both read the cookie keys from the shared database.
/// </summary>
public abstract class SharedKeyRingTests(AdminApiFactory first)
{
    /// <summary>
    /// Another host on the first one's database, installed elsewhere (another content root): the
    /// framework's default key ring (a folder in the service user's home, an application name
    /// taken from the content root) would not let it read the first host's cookies.
    /// </summary>
    private sealed class SecondHost(AdminApiFactory first) : AdminApiFactory(first.Database.Provider)
    {
        public string ContentRoot { get; } = Directory.CreateTempSubdirectory("op25b-second-host-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var original = first.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
            foreach (var settings in Directory.GetFiles(original, "appsettings*.json"))
                File.Copy(settings, Path.Combine(ContentRoot, Path.GetFileName(settings)));
            builder.UseContentRoot(ContentRoot);
            builder.UseSetting("Database:ConnectionString", first.Database.ConnectionString);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(ContentRoot, recursive: true);
        }
    }

    [Fact]
    public async Task A_console_cookie_issued_by_one_host_opens_the_console_on_another_host_on_the_same_database()
    {
        var user = $"desk-{Guid.NewGuid().ToString("N")[..6]}";
        await first.WithScopeAsync(sp => sp.GetRequiredService<ConsoleUserRegistry>()
            .CreateAsync(user, [Roles.AbuseDesk], ConsoleCookies.Password, AuditActor.System, CancellationToken.None));
        var cookies = await ConsoleCookies.SignInAsync(ConsoleCookies.Client(first), user);

        await using var second = new SecondHost(first);
        Assert.True(await ConsoleCookies.OpensAsync(ConsoleCookies.Client(second), "/ops/exemptions", cookies));
        await first.WithDbAsync(async db => Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync()));
    }
}

public sealed class SharedKeyRingTests_on_Sqlite(SqliteApiFactory api) : SharedKeyRingTests(api), IClassFixture<SqliteApiFactory>;

public sealed class SharedKeyRingTests_on_Postgres(PostgresApiFactory api) : SharedKeyRingTests(api), IClassFixture<PostgresApiFactory>;

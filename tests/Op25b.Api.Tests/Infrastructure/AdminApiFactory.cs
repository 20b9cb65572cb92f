using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Op25b.Core.Addressing;
using Op25b.Persistence;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh database of one provider, with a fake clock. The Hangfire server
/// is off so that tests drive jobs themselves, deterministically.
/// </summary>
public class AdminApiFactory(Func<string, TestDatabase> database) : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public AdminApiFactory(DatabaseProvider provider) : this(scratch => TestDatabase.Create(provider, scratch))
    {
    }

    /// <summary>Everything this host writes to disk (SQLite file, exports, sockets); deleted with the host.</summary>
    public ScratchDirectory Scratch { get; } = new();
    public TestDatabase Database => _database ??= database(Scratch.Path);
    public FakeTimeProvider Clock { get; } = new(Start);
    public string ExportDirectory => Scratch.File("exports");

    private TestDatabase? _database;

    /// <summary>Where this host keeps its audit key file and checkpoint file: its own, as a host of its own database would.</summary>
    public string DataDirectory => Scratch.File("data");
    /// <summary>The only folder router credential references may point into (it need not exist until a test puts a key there).</summary>
    public string RouterKeyDirectory => Scratch.File("router-keys");
    /// <summary>Each host spools to a folder of its own (created only when it spools), deleted with the host.</summary>
    public string SpoolDirectory => Scratch.File("spool");

    /// <summary>
    /// Lab tests run the real thing end to end: the Hangfire server picks up compiles and pushes
    /// by itself, on the real clock. Every other test drives jobs itself on the fake clock.
    /// </summary>
    protected virtual bool RunsBackgroundJobs => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Jobs:RunServer", RunsBackgroundJobs ? "true" : "false");
        builder.UseSetting("Api:MaxRequestBodyBytes", "65536");
        builder.UseSetting("Exports:Directory", ExportDirectory);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("RouterKeys:Directory", RouterKeyDirectory);
        builder.UseSetting("Ingest:SpoolDirectory", SpoolDirectory);
        // Test classes sign in and call far more often than people do; RateLimitTests sets its own limits.
        builder.UseSetting("RateLimits:LoginPerAddressPerMinute", "0");
        builder.UseSetting("RateLimits:ProbePerCallerPerMinute", "0");
        builder.UseSetting("RateLimits:ApiPerKeyPerMinute", "0");
        // Every host in the run listens for router logs on loopback, on ports of its own.
        builder.UseSetting("Ingest:BindAddress", "127.0.0.1");
        builder.UseSetting("Ingest:SyslogUdpPort", "0");
        builder.UseSetting("Ingest:SyslogTcpPort", "0");
        builder.UseSetting("Ingest:UlogdTcpPort", "0");
        if (!RunsBackgroundJobs)
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// Every test database starts with the address space the tests number from (documentation and
    /// shared ranges), registered once here rather than in each test: assignments, pools and
    /// exemptions outside the ISP's registered space are refused.
    /// </summary>
    public static readonly string[] TestAddressSpace =
        ["100.64.0.0/10", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"];

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        if (!db.IspAddressSpace.Any())
        {
            db.IspAddressSpace.AddRange(TestAddressSpace.Select(p => IspPrefix.For(IPNetwork.Parse(p), "test address space", Start)));
            db.SaveChanges();
        }
        return host;
    }

    /// <summary>Issues a key with the given roles (straight through the registry, as the CLI does) and a client that sends it.</summary>
    public async Task<HttpClient> ClientWithRolesAsync(string name, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", await IssueKeyAsync(name, roles));
        return client;
    }

    public async Task<string> IssueKeyAsync(string name, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ApiKeyRegistry>()
            .CreateAsync($"{name}-{Guid.NewGuid().ToString("N")[..8]}", roles, AuditActor.System, CancellationToken.None);
        return issued.FullKey;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteScratch();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            DeleteScratch();
    }

    private void DeleteScratch()
    {
        _database?.Release();
        Scratch.Dispose();
    }

    public async Task WithDbAsync(Func<AdminDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AdminDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

public sealed class SqliteApiFactory() : AdminApiFactory(DatabaseProvider.Sqlite);

public sealed class PostgresApiFactory() : AdminApiFactory(DatabaseProvider.Postgres);

/// <summary>The host on a cluster of the test's own, which the test may stop and start (the test disposes both), with settings of the test's own.</summary>
public sealed class OwnClusterApiFactory(Op25b.Lab.PostgresCluster cluster, params (string Key, string Value)[] settings)
    : AdminApiFactory(_ => new TestDatabase(DatabaseProvider.Postgres, cluster.CreateDatabase()))
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }
}

/// <summary>The host with its Hangfire server running, for the end-to-end lab tests.</summary>
public sealed class LabApiFactory() : AdminApiFactory(DatabaseProvider.Sqlite)
{
    /// <summary>Where the lab router's ulogd2 delivers its JSON records.</summary>
    public string UlogdSocket => Scratch.File("ulogd.sock");

    protected override bool RunsBackgroundJobs => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ingest:UlogdUnixSocket", UlogdSocket);
        builder.UseSetting("RouterKeys:Directory", Op25b.Lab.LabNetwork.KeyDirectory);
        // A unix socket has no source address: it is bound to the lab router by name.
        builder.UseSetting("Ingest:UlogdUnixSocketRouter", "lab-bng");
    }
}

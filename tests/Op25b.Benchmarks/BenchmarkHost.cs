using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Benchmarks;

/// <summary>The real host (embedded SQLite, Hangfire server running) in this process, for the end-to-end figure.</summary>
public sealed class BenchmarkHost(string? postgresConnectionString = null, string? exportDirectory = null) : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"op25b-bench-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseContentRoot(HostContentRoot());
        builder.UseSetting("Database:Provider", postgresConnectionString is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Database:ConnectionString", postgresConnectionString ?? $"Data Source={_database}");
        builder.UseSetting("Ingest:BindAddress", "127.0.0.1");
        builder.UseSetting("Ingest:SyslogUdpPort", "0");
        builder.UseSetting("Ingest:SyslogTcpPort", "0");
        builder.UseSetting("Ingest:UlogdTcpPort", "0");
        builder.UseSetting("Jobs:RunServer", "true");
        // The lab's key, and no rate limits: a benchmark measures the work, not the limiter.
        builder.UseSetting("RouterKeys:Directory", Op25b.Lab.LabNetwork.KeyDirectory);
        builder.UseSetting("RateLimits:ApiPerKeyPerMinute", "0");
        builder.UseSetting("RateLimits:LoginPerAddressPerMinute", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (exportDirectory is not null)
            builder.UseSetting("Exports:Directory", exportDirectory);
    }

    private static string HostContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Admin.sln")))
                return Path.Combine(dir.FullName, "src", "Op25b.Api");
        throw new InvalidOperationException("Admin.sln not found: run the benchmark from the repository.");
    }

    public async Task<HttpClient> ClientAsync(string name, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ApiKeyRegistry>()
            .CreateAsync(name, [role], AuditActor.System, CancellationToken.None);
        // No redirect handler: to replay a body on a redirect it buffers the whole request content in
        // this process (2 GB of byte[] for a 5M-row NDJSON body), which the ingest figure counted as the host's memory.
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", issued.FullKey);
        return client;
    }

    /// <summary>A console user signed in through the login form; the client keeps the cookie.</summary>
    public async Task<HttpClient> ConsoleClientAsync(string name, string role)
    {
        const string password = "volume-benchmark-password-1";
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ConsoleUserRegistry>().CreateAsync(name, [role], password, AuditActor.System, CancellationToken.None);
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });
        var form = await client.GetStringAsync("/ops/login");
        // The console names its anti-forgery field __csrf (ConsoleSetup).
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedIn = await client.PostAsync("/ops/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = name, ["Password"] = password, ["__csrf"] = token,
        }));
        signedIn.EnsureSuccessStatusCode();
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (File.Exists(_database))
            File.Delete(_database);
    }
}

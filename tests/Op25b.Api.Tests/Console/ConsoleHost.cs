using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Persistence;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Tests.Console;

/// <summary>
/// The real host on Kestrel, bound to a free loopback port, so a real browser can reach it.
/// (UseKestrel must be called on the factory itself: a factory made by WithWebHostBuilder ignores it.)
/// </summary>
public class ConsoleHost : AdminApiFactory
{
    public const string Password = "correct horse battery staple";

    public ConsoleHost() : base(DatabaseProvider.Sqlite)
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    public string BaseUrl { get; }

    /// <summary>
    /// Outside Development the host only knows the published asset manifest; a test run is a
    /// build, so the ops-ui project's wwwroot is mapped in the way `dotnet run` maps it.
    /// </summary>
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseStaticWebAssets();
    }

    /// <summary>A console user made the way the CLI makes them, with a per-test unique name.</summary>
    public async Task<string> UserAsync(string name, params string[] roles)
    {
        var unique = $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        await WithScopeAsync(sp => sp.GetRequiredService<ConsoleUserRegistry>().CreateAsync(unique, roles, Password, AuditActor.System, CancellationToken.None));
        return unique;
    }

    public HttpClient ApiClient(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}

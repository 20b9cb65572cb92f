using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Rollout;

/// <summary>A push whose key cannot be used ends failed with that reason; it never stays running.</summary>
public abstract class UnusableKeyDeploymentTests(AdminApiFactory api)
{
    [Fact]
    public async Task A_router_whose_key_file_is_of_an_unsupported_type_ends_its_deployment_failed()
    {
        Directory.CreateDirectory(api.RouterKeyDirectory);
        await File.WriteAllTextAsync(Path.Combine(api.RouterKeyDirectory, "dsa"), RouterKeyFiles.UnsupportedKey);
        try
        {
            await DeployAsync();
        }
        finally
        {
            Directory.Delete(api.RouterKeyDirectory, recursive: true);
        }
    }

    private async Task DeployAsync()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var group = $"g{Guid.NewGuid().ToString("N")[..8]}";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{group}-bng", new
        {
            platform = "nftables", routerGroup = group, managementHost = "2001:db8:ff00::11", managementPort = 22, sshUser = "op25b",
            credentialRef = $"file:{api.RouterKeyDirectory}/dsa", hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await api.WithScopeAsync(sp => sp.GetRequiredService<RuleSetPublisher>().PublishAsync("test", "test", CancellationToken.None));
        var queued = (await (await net.GetAsync($"/api/v1/deployments?router={group}-bng")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!;

        await api.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DeploymentRunner>().RunAsync(queued["id"]!.GetValue<long>(), CancellationToken.None);
            return 0;
        });

        var ended = await (await net.GetAsync($"/api/v1/deployments/{queued["id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("failed", ended["state"]!.GetValue<string>());
        Assert.Contains("cannot be used on this host", ended["output"]!.GetValue<string>());
    }
}

public sealed class UnusableKeyDeploymentTests_on_Sqlite(SqliteApiFactory api) : UnusableKeyDeploymentTests(api), IClassFixture<SqliteApiFactory>;

public sealed class UnusableKeyDeploymentTests_on_Postgres(PostgresApiFactory api) : UnusableKeyDeploymentTests(api), IClassFixture<PostgresApiFactory>;

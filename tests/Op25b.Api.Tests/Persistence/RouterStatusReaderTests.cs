using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
using Op25b.Persistence.Deployments;

namespace Op25b.Api.Tests.Persistence;

/// <summary>The routers' state as the console shows it (newest version, last deployment, lag). Run on both providers.</summary>
public abstract class RouterStatusReaderTests(AdminApiFactory api)
{
    [Fact]
    public async Task A_router_awaiting_its_first_export_shows_the_newest_version_its_last_deployment_and_that_it_lags()
    {
        var net = await api.ClientWithRolesAsync("net", Roles.NetworkAdmin);
        var group = await NetworkSetup.ExportRouterGroupAsync(net);
        await api.WithScopeAsync(sp => sp.GetRequiredService<RuleSetPublisher>().PublishAsync("test", "test", CancellationToken.None));

        var status = (await api.WithScopeAsync(sp => sp.GetRequiredService<RouterStatusReader>().ListAsync(CancellationToken.None)))
            .Single(s => s.Router.Name == $"{group}-mx");

        Assert.Equal(1, status.Newest!.Number);
        Assert.Equal(DeploymentState.AwaitingExternalApply, status.LastDeployment!.State);
        Assert.Equal(1, status.LastDeploymentNumber);
        Assert.Null(status.LiveNumber);
        Assert.True(status.Behind);
        Assert.True(status.NeedsAttention);
    }
}

public sealed class RouterStatusReaderTests_on_Sqlite(SqliteApiFactory api) : RouterStatusReaderTests(api), IClassFixture<SqliteApiFactory>;

public sealed class RouterStatusReaderTests_on_Postgres(PostgresApiFactory api) : RouterStatusReaderTests(api), IClassFixture<PostgresApiFactory>;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.RuleSets;
using Op25b.Lab;
using Op25b.Persistence;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// The drift check on the real router: an untouched router is confirmed by its digest alone, and a
/// table changed behind our back — port 25 opened for a pool host by hand — is found, reported with
/// the difference, and replaced by the reconciler without anyone asking.
/// </summary>
[Collection(ReconcileLabCollection.Name)]
public sealed class DriftLabTests(LabNetwork lab, ReconcileLabApiFactory api, ITestOutputHelper output)
{
    private Task<bool> QueryAsync(Func<AdminDbContext, Task<bool>> query) =>
        api.WithScopeAsync(sp => query(sp.GetRequiredService<AdminDbContext>()));

    private Task<int> DriftCheckAsync() => api.WithScopeAsync(sp => sp.GetRequiredService<DriftCheckJob>().RunAsync(CancellationToken.None));

    [Fact]
    public async Task A_table_changed_behind_our_back_is_found_by_the_drift_check_and_replaced()
    {
        if (!lab.IsAvailable(output))
            return;
        const string router = "drift-bng", group = "lab-drift";
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        await LabRollout.RegisterAsync(net, lab, router, group);
        try
        {
            Task ConvergedAsync() => LabRollout.ConvergedAsync(QueryAsync, lab, router, group, () => api.WithScopeAsync(async sp =>
                RuleSetCompiler.Compile(await sp.GetRequiredService<PolicySnapshotLoader>().LoadAsync(group, DateTimeOffset.UtcNow, CancellationToken.None)).Content),
                TimeSpan.FromSeconds(60));
            await ConvergedAsync();
            Assert.Equal(0, await DriftCheckAsync());

            await lab.ExecAsync(lab.RouterNs, "nft", "add", "element", "inet", "op25b", "exempt_v4", "{ 100.64.1.10 }");
            Assert.True(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, TimeSpan.FromSeconds(2)));

            Assert.Equal(1, await DriftCheckAsync());
            var detail = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Routers
                .Where(r => r.Name == router).Select(r => r.DriftDetail).SingleAsync());
            output.WriteLine(detail);
            Assert.Contains("exempt_v4: unexpected 100.64.1.10/32", detail);

            await ConvergedAsync();
            Assert.False(await lab.CanConnectAsync(lab.S1Ns, LabNetwork.InternetV4, 25, TimeSpan.FromSeconds(2)));
            Assert.Equal(0, await DriftCheckAsync());
        }
        finally
        {
            await LabRollout.PutRouterAsync(net, lab, router, group, enabled: false);
        }
    }
}

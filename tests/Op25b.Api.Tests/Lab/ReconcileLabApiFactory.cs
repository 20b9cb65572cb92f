using Microsoft.AspNetCore.Hosting;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Lab;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// A host with its jobs and rollout loop running on the real clock, with short rollout timings
/// (reconcile every second, 3 s leases) so that recovery is quick to watch.
/// </summary>
public sealed class ReconcileLabApiFactory() : AdminApiFactory(DatabaseProvider.Sqlite)
{
    protected override bool RunsBackgroundJobs => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in LabRollout.FastTimings)
            builder.UseSetting(key, value);
        builder.UseSetting("RouterKeys:Directory", LabNetwork.KeyDirectory);
    }
}

/// <summary>Its own lab and host, so that its routers never share a lab router with the other end-to-end tests.</summary>
[CollectionDefinition(Name)]
public sealed class ReconcileLabCollection : ICollectionFixture<LabNetwork>, ICollectionFixture<ReconcileLabApiFactory>
{
    public const string Name = "lab-reconcile";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Deployments;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence.Configurations;

internal sealed class RuleSetVersionConfiguration : IEntityTypeConfiguration<RuleSetVersion>
{
    public void Configure(EntityTypeBuilder<RuleSetVersion> b)
    {
        b.Property(v => v.RouterGroup).HasMaxLength(100);
        b.Property(v => v.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(v => v.Trigger).HasMaxLength(500);
        b.Property(v => v.TriggeredBy).HasMaxLength(200);
        b.HasIndex(v => new { v.RouterGroup, v.Number }).IsUnique();
        b.HasIndex(v => v.Hash);
    }
}

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> b)
    {
        b.Property(d => d.State).HasConversion<KebabEnumConverter<DeploymentState>>().HasMaxLength(32);
        b.Property(d => d.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(d => d.Trigger).HasMaxLength(500);
        b.Property(d => d.RequestedBy).HasMaxLength(200);
        b.Property(d => d.ConfirmedBy).HasMaxLength(200);
        b.HasOne(d => d.Router).WithMany().HasForeignKey(d => d.RouterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.RuleSetVersion).WithMany().HasForeignKey(d => d.RuleSetVersionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.Owner).HasMaxLength(200);
        // Cancel, abandon and finish all change the state of a row another host may also be
        // finishing: the first to write wins, the other gets a concurrency conflict.
        b.Property(d => d.State).IsConcurrencyToken();
        b.HasIndex(d => new { d.RouterId, d.State });
        b.HasIndex(d => d.QueuedAt);
        // At most one deployment in flight per router, whoever plans it (two reconcilers, a manual deploy).
        b.HasIndex(d => d.RouterId).IsUnique().HasDatabaseName("ux_deployments_one_in_flight_per_router")
            .HasFilter($"\"state\" IN ({string.Join(", ", Deployment.Open.Select(s => $"'{KebabEnumConverter<DeploymentState>.Name(s)}'"))})");
    }
}

internal sealed class PolicyChangeRequestConfiguration : IEntityTypeConfiguration<PolicyChangeRequest>
{
    public void Configure(EntityTypeBuilder<PolicyChangeRequest> b) => b.Property(r => r.Reason).HasMaxLength(200);
}

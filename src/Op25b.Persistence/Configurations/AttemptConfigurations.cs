using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Addressing;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Configurations;

/// <summary>
/// On PostgreSQL the table is partitioned by day (created by raw SQL in that provider's
/// migration, with the primary key widened to (id, occurred_at) as partitioning requires);
/// the model here is what both providers share.
/// subscriber_id has no foreign key on purpose: it is only ever copied from a session or an
/// assignment, which reference the subscriber themselves, and subscribers are never deleted; a
/// per-row constraint check cost about a fifth of the insert time on the ingest path.
/// </summary>
internal sealed class BlockedAttemptConfiguration(string? addressKeyCollation) : IEntityTypeConfiguration<BlockedAttempt>
{
    public void Configure(EntityTypeBuilder<BlockedAttempt> b)
    {
        b.ToTable("blocked_attempts");
        b.Property(a => a.RouterName).HasMaxLength(100);
        b.Property(a => a.SourceKey).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.Property(a => a.Protocol).HasMaxLength(16);
        b.Property(a => a.Action).HasMaxLength(16);
        b.Property(a => a.DedupKey).HasMaxLength(64);
        b.Property(a => a.Channel).HasMaxLength(16);
        b.HasIndex(a => new { a.DedupKey, a.OccurredAt }).IsUnique();
        b.HasIndex(a => new { a.SubscriberId, a.OccurredAt });
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => new { a.SourceKey, a.OccurredAt });
    }
}

internal sealed class AttemptRollupConfiguration : IEntityTypeConfiguration<AttemptRollup>
{
    public void Configure(EntityTypeBuilder<AttemptRollup> b)
    {
        b.ToTable("attempt_rollups_hourly");
        b.HasKey(r => new { r.Hour, r.SubscriberId, r.RouterName, r.DestinationIp });
        b.Property(r => r.RouterName).HasMaxLength(100);
        b.Property(r => r.DestinationIp).HasMaxLength(45);
        // The key leads with the hour, so it serves time-range reads; this one serves per-subscriber reads.
        b.HasIndex(r => new { r.SubscriberId, r.Hour });
    }
}

internal sealed class SubscriberHourRollupConfiguration : IEntityTypeConfiguration<SubscriberHourRollup>
{
    public void Configure(EntityTypeBuilder<SubscriberHourRollup> b)
    {
        b.ToTable("attempt_rollups_subscriber_hourly");
        b.HasKey(r => new { r.Hour, r.SubscriberId });
        b.HasIndex(r => new { r.SubscriberId, r.Hour });
    }
}

internal sealed class SubscriberDayRollupConfiguration : IEntityTypeConfiguration<SubscriberDayRollup>
{
    public void Configure(EntityTypeBuilder<SubscriberDayRollup> b)
    {
        b.ToTable("attempt_rollups_subscriber_daily");
        b.HasKey(r => new { r.Day, r.SubscriberId });
        b.HasIndex(r => new { r.SubscriberId, r.Day });
    }
}

internal sealed class SubscriberDestinationConfiguration : IEntityTypeConfiguration<SubscriberDestination>
{
    public void Configure(EntityTypeBuilder<SubscriberDestination> b)
    {
        b.ToTable("attempt_subscriber_destinations");
        b.HasKey(d => new { d.SubscriberId, d.DestinationIp });
        // No index on last_seen: every new attempt moves it, and an index on it would turn each of
        // those updates from an in-place (HOT) update into one that touches every index.
        b.Property(d => d.DestinationIp).HasMaxLength(45);
        // Who tried one mail server (the dashboard's top destinations); the column never changes on update.
        b.HasIndex(d => d.DestinationIp);
    }
}

/// <summary>Maintained by triggers on attempt_subscriber_destinations (each provider's migration SQL), never by the store.</summary>
internal sealed class SubscriberLastSeenDayConfiguration : IEntityTypeConfiguration<SubscriberLastSeenDay>
{
    public void Configure(EntityTypeBuilder<SubscriberLastSeenDay> b)
    {
        b.ToTable("attempt_subscriber_last_seen_days");
        b.HasKey(r => new { r.SubscriberId, r.Day });
    }
}

internal sealed class RouterHourRollupConfiguration : IEntityTypeConfiguration<RouterHourRollup>
{
    public void Configure(EntityTypeBuilder<RouterHourRollup> b)
    {
        b.ToTable("attempt_rollups_router_hourly");
        b.HasKey(r => new { r.Hour, r.RouterName });
        b.Property(r => r.RouterName).HasMaxLength(100);
    }
}

internal sealed class DestinationDayRollupConfiguration : IEntityTypeConfiguration<DestinationDayRollup>
{
    public void Configure(EntityTypeBuilder<DestinationDayRollup> b)
    {
        b.ToTable("attempt_rollups_destination_daily");
        b.HasKey(r => new { r.Day, r.DestinationIp });
        b.Property(r => r.DestinationIp).HasMaxLength(45);
    }
}

internal sealed class QuarantinedInputConfiguration : IEntityTypeConfiguration<QuarantinedInput>
{
    public void Configure(EntityTypeBuilder<QuarantinedInput> b)
    {
        b.ToTable("quarantine");
        b.Property(q => q.Channel).HasMaxLength(16);
        b.Property(q => q.Origin).HasMaxLength(200);
        b.Property(q => q.Raw).HasMaxLength(8192);
        b.Property(q => q.Reason).HasMaxLength(1000);
        b.HasIndex(q => q.ReceivedAt);
    }
}

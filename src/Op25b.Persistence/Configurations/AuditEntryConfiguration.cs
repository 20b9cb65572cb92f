using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Audit;

namespace Op25b.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.Actor).HasMaxLength(200);
        b.Property(e => e.ActorRole).HasMaxLength(64);
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.EntityType).HasMaxLength(64);
        b.Property(e => e.EntityId).HasMaxLength(128);
        b.Property(e => e.RequestId).HasMaxLength(128);
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        // A number, not a name: adding the column gives every existing entry 0, the plain SHA-256 they were sealed with.
        b.Property(e => e.SealScheme);
        b.Property(e => e.KeyId).HasMaxLength(16);
        b.HasIndex(e => e.OccurredAt);
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => e.Actor);
    }
}

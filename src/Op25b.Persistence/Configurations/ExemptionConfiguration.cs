using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Exemptions;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence.Configurations;

internal sealed class ExemptionConfiguration : IEntityTypeConfiguration<Exemption>
{
    public void Configure(EntityTypeBuilder<Exemption> b)
    {
        b.Property(e => e.Status).HasConversion<LowercaseEnumConverter<ExemptionStatus>>().HasMaxLength(16);
        b.Property(e => e.Justification).HasMaxLength(2000);
        b.Property(e => e.RequestedBy).HasMaxLength(200);
        b.Property(e => e.DecidedBy).HasMaxLength(200);
        b.Property(e => e.RevokedBy).HasMaxLength(200);
        b.Property(e => e.IdempotencyKey).HasMaxLength(200);
        b.Property(e => e.IdempotencyFingerprint).HasMaxLength(64);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne(e => e.Subscriber).WithMany().HasForeignKey(e => e.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Prefixes).WithOne().HasForeignKey(p => p.ExemptionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.Status);
        b.HasIndex(e => e.SubscriberId);
        b.HasIndex(e => e.ValidUntil);
        b.HasIndex(e => new { e.RequestedBy, e.IdempotencyKey }).IsUnique();
    }
}

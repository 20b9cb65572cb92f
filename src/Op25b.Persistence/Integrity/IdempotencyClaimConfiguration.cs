using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Op25b.Persistence.Integrity;

internal sealed class IdempotencyClaimConfiguration : IEntityTypeConfiguration<IdempotencyClaim>
{
    public void Configure(EntityTypeBuilder<IdempotencyClaim> b)
    {
        b.Property(c => c.Operation).HasMaxLength(64);
        b.Property(c => c.Owner).HasMaxLength(200);
        b.Property(c => c.Key).HasMaxLength(200);
        b.Property(c => c.Fingerprint).HasMaxLength(64);
        b.HasIndex(c => new { c.Operation, c.Owner, c.Key }).IsUnique();
    }
}

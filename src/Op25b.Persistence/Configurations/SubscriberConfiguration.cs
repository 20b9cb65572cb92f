using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence.Configurations;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> b)
    {
        b.HasIndex(s => s.ExternalId).IsUnique();
        b.Property(s => s.ExternalId).HasMaxLength(128);
        b.Property(s => s.DisplayName).HasMaxLength(300);
        b.Property(s => s.Status).HasConversion<LowercaseEnumConverter<SubscriberStatus>>().HasMaxLength(16);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductCode).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Assignments).WithOne().HasForeignKey(a => a.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.Status, s.ProductCode });
    }
}

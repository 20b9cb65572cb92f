using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Subscribers;

namespace Op25b.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        // The products every ISP deployment starts with; more are added through the API.
        b.HasData(
            new Product { Code = "dynamic-residential", Name = "Dynamic residential", InBlockingScope = true, ExemptionEligible = false },
            new Product { Code = "static-residential", Name = "Static-IP residential", InBlockingScope = false, ExemptionEligible = true },
            new Product { Code = "static-business", Name = "Static-IP business", InBlockingScope = false, ExemptionEligible = true });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Addressing;

namespace Op25b.Persistence.Configurations;

internal sealed class IspPrefixConfiguration(string? addressKeyCollation) : IEntityTypeConfiguration<IspPrefix>
{
    public void Configure(EntityTypeBuilder<IspPrefix> b)
    {
        b.Property(p => p.Description).HasMaxLength(500);
        b.Property(p => p.RangeFirst).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.Property(p => p.RangeLast).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.HasIndex(p => p.Prefix).IsUnique();
        b.HasIndex(p => new { p.Family, p.RangeFirst, p.RangeLast });
    }
}

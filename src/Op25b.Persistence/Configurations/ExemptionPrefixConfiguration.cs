using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;

namespace Op25b.Persistence.Configurations;

internal sealed class ExemptionPrefixConfiguration(string? addressKeyCollation) : IEntityTypeConfiguration<ExemptionPrefix>
{
    public void Configure(EntityTypeBuilder<ExemptionPrefix> b)
    {
        b.Ignore(p => p.Range);
        b.Property(p => p.RangeFirst).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.Property(p => p.RangeLast).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.HasIndex(p => new { p.Family, p.RangeFirst, p.RangeLast });
    }
}

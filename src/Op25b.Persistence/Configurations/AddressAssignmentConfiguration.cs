using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Addressing;
using Op25b.Core.Subscribers;

namespace Op25b.Persistence.Configurations;

internal sealed class AddressAssignmentConfiguration(string? addressKeyCollation) : IEntityTypeConfiguration<AddressAssignment>
{
    public void Configure(EntityTypeBuilder<AddressAssignment> b)
    {
        b.Ignore(a => a.Range);
        b.Property(a => a.RangeFirst).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.Property(a => a.RangeLast).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.HasIndex(a => new { a.Family, a.RangeFirst, a.RangeLast });
        b.HasIndex(a => new { a.SubscriberId, a.Prefix, a.ValidFrom }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.AddressHistory;
using Op25b.Core.Addressing;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence.Configurations;

internal sealed class AccessSessionConfiguration(string? addressKeyCollation) : IEntityTypeConfiguration<AccessSession>
{
    public void Configure(EntityTypeBuilder<AccessSession> b)
    {
        b.Property(s => s.NasId).HasMaxLength(128);
        b.Property(s => s.SessionId).HasMaxLength(128);
        b.Property(s => s.EndReason).HasMaxLength(32);
        b.Property(s => s.FramedIpKey).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.Property(s => s.DelegatedFirst).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.Property(s => s.DelegatedLast).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.HasOne<Subscriber>().WithMany().HasForeignKey(s => s.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.NasId, s.SessionId }).IsUnique();
        b.HasIndex(s => new { s.NasId, s.EndedAt });
        b.HasIndex(s => new { s.FramedIpKey, s.StartedAt });
        b.HasIndex(s => new { s.DelegatedFirst, s.DelegatedLast });
    }
}

internal sealed class AccountingEventConfiguration : IEntityTypeConfiguration<AccountingEvent>
{
    public void Configure(EntityTypeBuilder<AccountingEvent> b)
    {
        b.Property(e => e.NasId).HasMaxLength(128);
        b.Property(e => e.SessionId).HasMaxLength(128);
        b.Property(e => e.SubscriberExternalId).HasMaxLength(128);
        b.Property(e => e.Type).HasConversion<KebabEnumConverter<AccountingEventType>>().HasMaxLength(32);
        b.HasIndex(e => new { e.NasId, e.SessionId, e.Type, e.EventTime }).IsUnique();
    }
}

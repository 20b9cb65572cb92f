using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Addressing;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence.Configurations;

internal sealed class RouterConfiguration : IEntityTypeConfiguration<Router>
{
    public void Configure(EntityTypeBuilder<Router> b)
    {
        b.HasIndex(r => r.Name).IsUnique();
        b.HasIndex(r => r.RouterGroup);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Platform).HasConversion<PlatformConverter>().HasMaxLength(32);
        b.Property(r => r.RouterGroup).HasMaxLength(100);
        b.Property(r => r.ManagementHost).HasMaxLength(255);
        b.Property(r => r.SshUser).HasMaxLength(64);
        b.Property(r => r.CredentialRef).HasMaxLength(500);
        b.Property(r => r.HostKeySha256).HasMaxLength(64);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.LiveHash).HasMaxLength(64).IsFixedLength();
        b.HasOne<RuleSetVersion>().WithMany().HasForeignKey(r => r.LiveRuleSetVersionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.LogTimeZone).HasMaxLength(64);
        b.HasMany(r => r.SyslogSources).WithOne().HasForeignKey(s => s.RouterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RouterSyslogSourceConfiguration : IEntityTypeConfiguration<RouterSyslogSource>
{
    public void Configure(EntityTypeBuilder<RouterSyslogSource> b)
    {
        // One address, one router: two routers claiming a source would make attribution a guess.
        b.HasIndex(s => s.Address).IsUnique();
    }
}

internal sealed class SubscriberPoolConfiguration(string? addressKeyCollation) : IEntityTypeConfiguration<SubscriberPool>
{
    public void Configure(EntityTypeBuilder<SubscriberPool> b)
    {
        b.Property(p => p.RouterGroup).HasMaxLength(100);
        b.Property(p => p.Description).HasMaxLength(500);
        b.Property(p => p.RangeFirst).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.Property(p => p.RangeLast).HasMaxLength(AddressKey.Length).IsFixedLength().UseCollation(addressKeyCollation);
        b.HasIndex(p => new { p.RouterGroup, p.Prefix }).IsUnique();
        b.HasIndex(p => new { p.Family, p.RangeFirst, p.RangeLast });
    }
}

internal sealed class MailRelayConfiguration : IEntityTypeConfiguration<MailRelay>
{
    public void Configure(EntityTypeBuilder<MailRelay> b)
    {
        b.Property(r => r.Description).HasMaxLength(500);
        b.HasIndex(r => r.Prefix).IsUnique();
    }
}

internal sealed class PolicySettingsConfiguration : IEntityTypeConfiguration<PolicySettings>
{
    public void Configure(EntityTypeBuilder<PolicySettings> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Action).HasConversion<KebabEnumConverter<BlockAction>>().HasMaxLength(32);
        b.Property(p => p.LogPrefix).HasMaxLength(64);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasData(new PolicySettings());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Abuse;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence.Configurations;

internal sealed class AbuseCaseConfiguration : IEntityTypeConfiguration<AbuseCase>
{
    public void Configure(EntityTypeBuilder<AbuseCase> b)
    {
        b.ToTable("abuse_cases");
        b.Property(c => c.State).HasConversion<LowercaseEnumConverter<AbuseCaseState>>().HasMaxLength(16);
        b.Property(c => c.Trigger).HasConversion<KebabEnumConverter<AbuseCaseTrigger>>().HasMaxLength(32);
        b.Property(c => c.Reason).HasMaxLength(2000);
        b.Property(c => c.OpenedBy).HasMaxLength(200);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Subscriber).WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.AbuseCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.State, c.Id });
        // At most one unresolved case per subscriber, also under a race between the offender job
        // and a desk operator opening one by hand. The filter is valid SQL on both providers.
        b.HasIndex(c => c.SubscriberId).IsUnique().HasFilter("\"state\" <> 'resolved'").HasDatabaseName("ux_abuse_cases_one_unresolved_per_subscriber");
        b.HasIndex(c => new { c.SubscriberId, c.OpenedAt });
    }
}

internal sealed class AbuseCaseEventConfiguration : IEntityTypeConfiguration<AbuseCaseEvent>
{
    public void Configure(EntityTypeBuilder<AbuseCaseEvent> b)
    {
        b.ToTable("abuse_case_events");
        b.Property(e => e.Kind).HasConversion<LowercaseEnumConverter<AbuseCaseEventKind>>().HasMaxLength(16);
        b.Property(e => e.FromState).HasConversion<LowercaseEnumConverter<AbuseCaseState>>().HasMaxLength(16);
        b.Property(e => e.ToState).HasConversion<LowercaseEnumConverter<AbuseCaseState>>().HasMaxLength(16);
        b.Property(e => e.Actor).HasMaxLength(200);
        b.Property(e => e.Note).HasMaxLength(AbuseCase.MaxNoteLength);
        b.HasIndex(e => new { e.AbuseCaseId, e.Id });
    }
}

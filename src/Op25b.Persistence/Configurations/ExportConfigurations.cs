using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Audit;
using Op25b.Core.Exports;
using Op25b.Persistence.Conversions;

namespace Op25b.Persistence.Configurations;

internal sealed class ExportFileConfiguration : IEntityTypeConfiguration<ExportFile>
{
    public void Configure(EntityTypeBuilder<ExportFile> b)
    {
        b.ToTable("export_files");
        b.Property(e => e.Token).HasMaxLength(64);
        b.Property(e => e.Type).HasMaxLength(64);
        b.Property(e => e.Format).HasConversion<KebabEnumConverter<ExportFormat>>().HasMaxLength(16);
        b.Property(e => e.State).HasConversion<KebabEnumConverter<ExportState>>().HasMaxLength(16);
        b.Property(e => e.Query).HasMaxLength(4000);
        b.Property(e => e.RequestedBy).HasMaxLength(200);
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Error).HasMaxLength(4000);
        b.HasIndex(e => e.Token).IsUnique();
        b.HasIndex(e => e.RequestedAt);
    }
}

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> b)
    {
        b.ToTable("audit_anchors");
        b.HasKey(a => a.Sequence);
        b.Property(a => a.Sequence).ValueGeneratedNever();
        b.Property(a => a.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(a => a.ArchiveSha256).HasMaxLength(64).IsFixedLength();
    }
}

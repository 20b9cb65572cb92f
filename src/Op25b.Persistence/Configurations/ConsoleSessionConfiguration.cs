using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Access;

namespace Op25b.Persistence.Configurations;

internal sealed class ConsoleSessionConfiguration : IEntityTypeConfiguration<ConsoleSession>
{
    public void Configure(EntityTypeBuilder<ConsoleSession> b)
    {
        b.HasIndex(s => s.HandleHash).IsUnique();
        b.HasIndex(s => new { s.UserId, s.EndedAt });
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.HandleHash).HasMaxLength(64);
        b.Property(s => s.ClientAddress).HasMaxLength(45);
        b.Property(s => s.UserAgent).HasMaxLength(200);
        b.Property(s => s.EndedBy).HasMaxLength(200);
        b.Property(s => s.EndReason).HasMaxLength(200);
    }
}

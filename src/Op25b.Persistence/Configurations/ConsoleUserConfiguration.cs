using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Access;

namespace Op25b.Persistence.Configurations;

internal sealed class ConsoleUserConfiguration : IEntityTypeConfiguration<ConsoleUser>
{
    public void Configure(EntityTypeBuilder<ConsoleUser> b)
    {
        b.Ignore(u => u.RoleList);
        b.Ignore(u => u.ActorName);
        b.HasIndex(u => u.Name).IsUnique();
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.PasswordHash).HasMaxLength(200);
        b.Property(u => u.Roles).HasMaxLength(200);
        b.Property(u => u.CreatedBy).HasMaxLength(200);
    }
}

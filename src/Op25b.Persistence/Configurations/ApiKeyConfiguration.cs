using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Op25b.Core.Access;

namespace Op25b.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Ignore(k => k.RoleList);
        b.HasIndex(k => k.KeyId).IsUnique();
        b.Property(k => k.KeyId).HasMaxLength(12).IsFixedLength();
        b.Property(k => k.SecretHash).HasMaxLength(64).IsFixedLength();
        b.Property(k => k.Name).HasMaxLength(200);
        b.Property(k => k.Roles).HasMaxLength(200);
        b.Property(k => k.CreatedBy).HasMaxLength(200);
    }
}

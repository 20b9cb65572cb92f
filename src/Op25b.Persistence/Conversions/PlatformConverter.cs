using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Op25b.Core.RuleSets;

namespace Op25b.Persistence.Conversions;

/// <summary>Stores a platform by its wire name (nftables, cisco-iosxe, …).</summary>
public sealed class PlatformConverter() : ValueConverter<Platform, string>(
    v => v.Name(),
    v => Parse(v))
{
    private static Platform Parse(string name) =>
        Platforms.TryParse(name, out var platform) ? platform : throw new InvalidOperationException($"Unknown platform '{name}' in the database.");
}

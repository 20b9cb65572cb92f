using Op25b.Core.Network;

namespace Op25b.Api.Features.Pools;

public sealed record PoolResponse(long Id, string RouterGroup, string Prefix, string? Description, DateTimeOffset CreatedAt)
{
    public static PoolResponse From(SubscriberPool p) => new(p.Id, p.RouterGroup, p.Prefix.ToString(), p.Description, p.CreatedAt);
}

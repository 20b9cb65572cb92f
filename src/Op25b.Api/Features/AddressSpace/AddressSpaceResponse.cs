using Op25b.Core.Addressing;

namespace Op25b.Api.Features.AddressSpace;

public sealed record AddressSpaceResponse(long Id, string Prefix, string? Description, DateTimeOffset CreatedAt)
{
    public static AddressSpaceResponse From(IspPrefix p) => new(p.Id, p.Prefix.ToString(), p.Description, p.CreatedAt);
}

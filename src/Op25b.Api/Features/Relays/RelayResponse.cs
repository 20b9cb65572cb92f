using Op25b.Core.Network;

namespace Op25b.Api.Features.Relays;

public sealed record RelayResponse(long Id, string Prefix, string? Description, DateTimeOffset CreatedAt)
{
    public static RelayResponse From(MailRelay r) => new(r.Id, r.Prefix.ToString(), r.Description, r.CreatedAt);
}

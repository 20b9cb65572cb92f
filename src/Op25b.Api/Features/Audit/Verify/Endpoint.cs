using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Audit.Verify;

/// <summary>Re-computes the keyed chain, compares it with this host's checkpoints, and names the first broken or missing entry, if any.</summary>
public sealed class Endpoint(AuditVerifier verifier) : EndpointWithoutRequest<AuditVerification>
{
    public override void Configure()
    {
        Get("/audit/verify");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "Verify the audit chain's keyed seals and this host's checkpoints; names the first altered, re-sealed or missing entry");
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await verifier.VerifyAsync(ct), ct);
}

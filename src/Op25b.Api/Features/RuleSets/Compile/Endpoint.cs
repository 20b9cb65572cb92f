using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;

namespace Op25b.Api.Features.RuleSets.Compile;

/// <summary>Compiles now (normally compiles follow changes by themselves) and plans the resulting deployments.</summary>
public sealed class Endpoint(RuleSetPublisher publisher) : EndpointWithoutRequest<IReadOnlyList<PublishedGroup>>
{
    public override void Configure()
    {
        Post("/rulesets/compile");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Compile every router group now and plan deployments of changed versions");
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(await publisher.PublishAsync("manual compile", Actor.NameOf(User), ct), ct);
}

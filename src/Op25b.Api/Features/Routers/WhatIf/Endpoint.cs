using System.Net;
using System.Text.Json;
using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Features.RuleSets;
using Op25b.Core;
using Op25b.Core.Addressing;
using Op25b.Core.RuleSets;
using Op25b.Persistence;

namespace Op25b.Api.Features.Routers.WhatIf;

/// <summary>"Is a TCP/25 connection from X to Y allowed on router R — now, or under version V — and which entry decides it?"</summary>
public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get("/routers/{name}/what-if");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "What-if: would TCP/25 from source to destination pass this router's live (or a given) rule set, and why");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await RouterLookup.RequireAsync(db, req.Name, ct);
        PrefixParser.TryParseAddress(req.Source, out var source, out _);
        var destination = req.Destination is not null && PrefixParser.TryParseAddress(req.Destination, out var d, out _) ? d
            : source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.Parse("2001:db8:ffff::9") : IPAddress.Parse("203.0.113.9");

        var versionId = req.RuleSetId ?? router.LiveRuleSetVersionId
            ?? throw new DomainRuleViolation(ViolationKind.Conflict, "ruleSetId",
                $"Router '{router.Name}' runs no rule set yet; pass ruleSetId to evaluate a version.");
        var version = await RuleSetLookup.RequireAsync(db, versionId, "ruleSetId", ct);
        if (version.RouterGroup != router.RouterGroup)
            throw new DomainRuleViolation(ViolationKind.Invalid, "ruleSetId", $"Version {versionId} belongs to group '{version.RouterGroup}', not '{router.RouterGroup}'.");

        var verdict = PolicyWhatIf.Evaluate(RuleSetCanonical.Parse(version.Content), source, destination);
        await Send.OkAsync(new Response(router.Name, version.Id, version.Number, version.Hash, version.Id == router.LiveRuleSetVersionId,
            source.ToString(), destination.ToString(), verdict.Allowed, JsonNamingPolicy.KebabCaseLower.ConvertName(verdict.Term.ToString()),
            verdict.MatchedPrefix, verdict.ExemptionIds, verdict.Explanation), ct);
    }
}

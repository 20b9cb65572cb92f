using FastEndpoints;
using Microsoft.AspNetCore.WebUtilities;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Persistence;

namespace Op25b.Api.Features.RuleSets.Artifact;

public sealed class Request
{
    public long Id { get; set; }
    public string Platform { get; set; } = "";
}

/// <summary>The version rendered for one platform, as a file download. Rendered from the hashed content, so it matches the hash.</summary>
public sealed class Endpoint(AdminDbContext db) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/rulesets/{id:long}/artifacts/{platform}");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Download the rendered configuration of a version for a platform (nftables, cisco-iosxe, cisco-iosxr, junos, ietf-acl-json)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!Platforms.TryParse(req.Platform, out var platform))
            throw new DomainRuleViolation(ViolationKind.Invalid, "platform",
                $"Unknown platform '{req.Platform}'; use one of {string.Join(", ", Platforms.AllNames)}.");
        var version = await RuleSetLookup.RequireAsync(db, req.Id, "id", ct);
        var renderer = RuleSetRenderers.For(platform);
        // The renderers write synchronously and Kestrel refuses synchronous writes: the artifact
        // goes to a buffer that spills to a temporary file past 32 KiB, so a 30 MB artifact is
        // never a string or a byte array here, then is copied to the response.
        await using var artifact = new FileBufferingWriteStream();
        renderer.Render(RuleSetCanonical.Parse(version.Content), artifact);
        var response = HttpContext.Response;
        response.Headers["X-RuleSet-Hash"] = version.Hash;
        response.Headers.ContentDisposition =
            $"attachment; filename=\"op25b-{version.RouterGroup}-v{version.Number}.{platform.Name()}.{renderer.FileExtension}\"";
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = renderer.FileExtension == "json" ? "application/json" : "text/plain; charset=utf-8";
        response.ContentLength = artifact.Length;
        await artifact.DrainBufferAsync(response.Body, ct);
    }
}

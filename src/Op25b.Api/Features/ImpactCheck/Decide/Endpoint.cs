using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.Impact;
using Op25b.Persistence;

namespace Op25b.Api.Features.ImpactCheck.Decide;

/// <summary>影響判定: "is this customer affected by port 25 blocking, and what should they change?"</summary>
public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/impact-check");
        Roles(Allow.ImpactCheckers);
        Summary(s =>
        {
            s.Summary = "Impact check (影響判定): is a customer affected by port 25 blocking, and what is the remedy?";
            s.ExampleRequest = new Request { ProductCode = "dynamic-residential", SmtpServer = "other-provider", SmtpPort = 25 };
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var inScope = req.LineInScope;
        if (!string.IsNullOrWhiteSpace(req.ProductCode))
            inScope = await db.Products.Where(p => p.Code == req.ProductCode).Select(p => (bool?)p.InBlockingScope).FirstOrDefaultAsync(ct)
                ?? throw new DomainRuleViolation(ViolationKind.Invalid, "productCode", $"No product with code '{req.ProductCode}'.");
        MailServerKind? server = Request.TryParseServer(req.SmtpServer, out var kind) ? kind : null;
        var decision = Core.Impact.ImpactCheck.Decide(new ImpactCheckInput(inScope!.Value, req.WebmailOnly, server, req.SmtpPort, req.Roaming));
        await Send.OkAsync(new Response(decision.Verdict, inScope.Value, Explained.Of(decision.Reason), decision.Remedies.Select(r => Explained.Of(r)).ToList()), ct);
    }
}

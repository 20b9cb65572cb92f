using FastEndpoints;
using FluentValidation;
using Op25b.Api.Auth;
using Op25b.Core.Impact;
using Op25b.Routers.Smtp;

namespace Op25b.Api.Features.ImpactCheck.Probe;

public sealed class Request
{
    /// <summary>The customer's outgoing mail server: a host name or IP address, nothing else.</summary>
    public string Host { get; set; } = "";

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => r.Host).NotEmpty().Must(ProbeTargetRules.IsHostSyntax)
            .WithMessage(r => $"'{r.Host}' is not a host name or IP address (give the name only: no scheme, port or path).");
    }
}

/// <summary>
/// Connects to the named server's submission ports (587, 465) and reports per port what it
/// offers. Internal and private targets are refused (the probe must not scan the ISP's own
/// network); refused, silent or garbled ports are answers, never errors.
/// </summary>
public sealed class Endpoint(SmtpSubmissionProbe probe) : Endpoint<Request, SmtpProbeReport>
{
    public override void Configure()
    {
        Post("/impact-check/probe");
        Roles(Allow.AbuseDesk);
        Summary(s =>
        {
            s.Summary = "Probe a mail server's submission ports (587 STARTTLS, 465 implicit TLS): banner, STARTTLS, AUTH mechanisms, certificate";
            s.ExampleRequest = new Request { Host = "smtp.example.jp" };
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct) =>
        await Send.OkAsync(await probe.ProbeAsync(req.Host.Trim(), ct), ct);
}

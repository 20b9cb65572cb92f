using System.Text.RegularExpressions;
using FastEndpoints;
using FluentValidation;
using Op25b.Core.RuleSets;
using Op25b.Api.Features.Routers;
using Op25b.Core.Network;

namespace Op25b.Api.Features.Routers.Upsert;

public sealed partial class Request
{
    public string Name { get; set; } = "";
    /// <summary>nftables, cisco-iosxe, cisco-iosxr, junos or ietf-acl-json.</summary>
    public string Platform { get; set; } = "";
    public string RouterGroup { get; set; } = "";
    /// <summary>Address or DNS name of the management interface; a link-local address may carry its zone (fe80::2%eth1).</summary>
    public string ManagementHost { get; set; } = "";
    public int ManagementPort { get; set; } = 22;
    public string SshUser { get; set; } = "";
    /// <summary>Key file path ("file:/etc/op25b/keys/bng1") or the name of a secret configured on the host. Never the key itself.</summary>
    public string CredentialRef { get; set; } = "";
    /// <summary>Pinned SSH host key: the SHA256 fingerprint as `ssh-keygen -lf` prints it (with or without "SHA256:").</summary>
    public string HostKeySha256 { get; set; } = "";
    public int? AceBudget { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>
    /// Addresses (IPv4/IPv6) the router sends syslog from. Its log lines are attributed by these,
    /// and lines from unregistered addresses are refused. Omitted = leave as registered.
    /// </summary>
    public List<string>? SyslogSources { get; set; }
    /// <summary>IANA zone the router logs local time in ("Asia/Tokyo"); omitted or "UTC" = UTC.</summary>
    public string? LogTimeZone { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9._-]+$");
            RuleFor(r => r.Platform).NotEmpty().Must(p => Platforms.TryParse(p, out _))
                .WithMessage(r => $"Unknown platform '{r.Platform}'; use one of {string.Join(", ", Platforms.AllNames)}.");
            RuleFor(r => r.RouterGroup).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9._-]+$");
            RuleFor(r => r.ManagementHost).NotEmpty().MaximumLength(255).Matches(HostPattern())
                .WithMessage("managementHost must be an IP address (link-local with its %zone) or a DNS name.");
            RuleFor(r => r.ManagementPort).InclusiveBetween(1, 65535);
            RuleFor(r => r.SshUser).NotEmpty().MaximumLength(64).Matches("^[a-z_][a-z0-9_.-]*$");
            RuleFor(r => r.CredentialRef).NotEmpty().MaximumLength(500)
                .Must(c => !c.Contains("PRIVATE KEY") && !c.Any(char.IsWhiteSpace))
                .WithMessage("credentialRef is a reference (file:/path or a secret name), never the key itself.");
            RuleFor(r => r.HostKeySha256).NotEmpty()
                .WithMessage("A pinned host key fingerprint is required: there is no trust on first use.")
                .Must(f => HostKeyFingerprint.TryNormalize(f, out _))
                .WithMessage("hostKeySha256 must be an SSH SHA256 fingerprint (43 base64 characters, optionally prefixed 'SHA256:').");
            RuleFor(r => r.AceBudget).GreaterThan(0).When(r => r.AceBudget is not null);
            RuleForEach(r => r.SyslogSources).Must(a => SyslogSourceAddress.TryParse(a, out _))
                .WithMessage("syslogSources must be IPv4 or IPv6 addresses without a zone or prefix length.");
            RuleFor(r => r.SyslogSources).Must(s => s!.Count <= 16).When(r => r.SyslogSources is not null)
                .WithMessage("A router has at most 16 syslog source addresses.");
            RuleFor(r => r.LogTimeZone).Must(z => LogZone.TryFind(z, out _)).When(r => r.LogTimeZone is not null)
                .WithMessage(r => $"Unknown time zone '{r.LogTimeZone}'; use an IANA name such as Asia/Tokyo.");
        }
    }

    [GeneratedRegex(@"^([0-9A-Za-z.:-]+(%[0-9A-Za-z_.-]{1,15})?)$")]
    private static partial Regex HostPattern();
}

using FastEndpoints;
using FluentValidation;
using Op25b.Core.RuleSets;

namespace Op25b.Api.Features.Policy.Update;

/// <summary>The whole policy: PUT replaces it, so every field is required (a forgotten field must not silently reset to a default).</summary>
public sealed class Request
{
    public BlockAction? Action { get; set; }
    public bool? Logging { get; set; }
    public int? NflogGroup { get; set; }
    public string LogPrefix { get; set; } = "";
    public int? LogRatePerSecond { get; set; }
    public double? MaxRemovedShare { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Action).NotNull().IsInEnum();
            RuleFor(r => r.Logging).NotNull();
            RuleFor(r => r.NflogGroup).NotNull().InclusiveBetween(0, 65535);
            // The prefix is embedded in router configs: printable ASCII only, no quotes or backslashes, and short
            // (the kernel truncates log prefixes at 127 bytes; syslog parsers match on it).
            RuleFor(r => r.LogPrefix).NotEmpty().MaximumLength(32).Matches("^[A-Za-z0-9 _:.-]+$");
            RuleFor(r => r.LogRatePerSecond).NotNull().InclusiveBetween(1, 100_000);
            RuleFor(r => r.MaxRemovedShare).NotNull().InclusiveBetween(0, 1);
        }
    }
}

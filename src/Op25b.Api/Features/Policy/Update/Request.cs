using FastEndpoints;
using FluentValidation;
using Op25b.Core.RuleSets;

namespace Op25b.Api.Features.Policy.Update;

public sealed class Request
{
    public BlockAction Action { get; set; } = BlockAction.Drop;
    public bool Logging { get; set; } = true;
    public int NflogGroup { get; set; } = 1;
    public string LogPrefix { get; set; } = "OP25B-DROP ";
    public int LogRatePerSecond { get; set; } = 50;
    public double MaxRemovedShare { get; set; } = 0.25;

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Action).IsInEnum();
            RuleFor(r => r.NflogGroup).InclusiveBetween(0, 65535);
            // The prefix is embedded in router configs: printable ASCII only, no quotes or backslashes, and short
            // (the kernel truncates log prefixes at 127 bytes; syslog parsers match on it).
            RuleFor(r => r.LogPrefix).NotEmpty().MaximumLength(32).Matches("^[A-Za-z0-9 _:.-]+$");
            RuleFor(r => r.LogRatePerSecond).InclusiveBetween(1, 100_000);
            RuleFor(r => r.MaxRemovedShare).InclusiveBetween(0, 1);
        }
    }
}

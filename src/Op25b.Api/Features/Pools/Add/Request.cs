using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Pools.Add;

public sealed class Request
{
    public string RouterGroup { get; set; } = "";
    /// <summary>A dynamic subscriber range where port 25 is blocked, e.g. 100.64.0.0/10 or 2001:db8:100::/40.</summary>
    public string Prefix { get; set; } = "";
    public string? Description { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.RouterGroup).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9._-]+$");
            RuleFor(r => r.Description).MaximumLength(500);
            RuleFor(r => r.Prefix).RequiredPrefix();
        }
    }
}

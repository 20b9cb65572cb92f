using FastEndpoints;
using FluentValidation;
using Op25b.Core.Access;

namespace Op25b.Api.Features.ApiKeys.Create;

public sealed class Request
{
    public string Name { get; set; } = "";
    public List<string> Roles { get; set; } = [];

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Roles).NotEmpty();
            RuleForEach(r => r.Roles).Must(Core.Access.Roles.IsKnown)
                .WithMessage(r => $"Unknown role; roles are {string.Join(", ", Core.Access.Roles.All)}.");
        }
    }
}

/// <summary>The full key appears here once and is never retrievable again.</summary>
public sealed record Response(string Key, ApiKeyResponse Details);

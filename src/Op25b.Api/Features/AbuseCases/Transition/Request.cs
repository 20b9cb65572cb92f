using FastEndpoints;
using FluentValidation;
using Op25b.Core.Abuse;

namespace Op25b.Api.Features.AbuseCases.Transition;

public sealed class Request
{
    public long Id { get; set; }
    /// <summary>notified, suspended or resolved (see the case's allowedTransitions).</summary>
    public string TargetState { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>Parsed by name only: "2" is not a state.</summary>
    public static bool TryParseState(string? text, out AbuseCaseState state)
    {
        state = default;
        return !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.Trim()[0]) && Enum.TryParse(text.Trim(), true, out state);
    }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.TargetState).NotEmpty().Must(t => TryParseState(t, out _))
                .WithMessage(r => $"'{r.TargetState}' is not a case state; use one of: {string.Join(", ", Enum.GetValues<AbuseCaseState>().Select(AbuseCaseTransitions.Name))}.");
            RuleFor(r => r.Note).MaximumLength(AbuseCase.MaxNoteLength);
        }
    }
}

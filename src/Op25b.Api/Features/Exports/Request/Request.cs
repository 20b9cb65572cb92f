using FastEndpoints;
using FluentValidation;
using Op25b.Core.Exports;

namespace Op25b.Api.Features.Exports.Request;

public sealed class Request
{
    /// <summary>exemption-register, exemption-changes, audit-trail, deployment-evidence, attempt-summary, abuse-case-history (GET /exports/types).</summary>
    public string Type { get; set; } = "";
    /// <summary>csv (RFC 4180) or jsonl (JSON Lines).</summary>
    public string Format { get; set; } = "csv";
    /// <summary>CSV only: start with a UTF-8 byte-order mark so Excel in Japanese opens it as UTF-8.</summary>
    public bool ByteOrderMark { get; set; }
    public DateTimeOffset? At { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }
    public string? Router { get; set; }
    public string? Subscriber { get; set; }
    /// <summary>Run as a background job whatever the size; otherwise only exports above the row threshold do.</summary>
    public bool Async { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Type).NotEmpty();
            RuleFor(r => r.Format).Must(f => ExportFormats.TryParse(f, out _)).WithMessage("format must be csv or jsonl.");
            RuleFor(r => r.Router).MaximumLength(100);
            RuleFor(r => r.Subscriber).MaximumLength(200);
        }
    }
}

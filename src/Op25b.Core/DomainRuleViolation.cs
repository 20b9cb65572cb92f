namespace Op25b.Core;

/// <summary>How the edge should answer a broken business rule.</summary>
public enum ViolationKind
{
    /// <summary>The input itself is wrong (400/422).</summary>
    Invalid,
    /// <summary>The input is fine but the current state forbids it (409).</summary>
    Conflict,
    /// <summary>The caller may not do this, whatever their role says (403), e.g. four-eyes.</summary>
    Forbidden,
    /// <summary>A referenced thing does not exist (404).</summary>
    NotFound,
    /// <summary>Well-formed, but it cannot be processed as sent (422), e.g. an idempotency key reused for another request.</summary>
    Unprocessable,
}

/// <summary>
/// A business rule refused an operation. Carries the request field it concerns so that the
/// API can answer with a problem document that names it.
/// </summary>
public sealed class DomainRuleViolation(ViolationKind kind, string field, string message) : Exception(message)
{
    public ViolationKind Kind { get; } = kind;
    public string Field { get; } = field;
}

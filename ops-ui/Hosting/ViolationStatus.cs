using Op25b.Core;

namespace Op25b.OpsUi.Hosting;

/// <summary>The status a refused console post answers with: the one the API gives the same violation, so tests and proxies see the same thing.</summary>
public static class ViolationStatus
{
    public static int Of(DomainRuleViolation violation) => violation.Kind switch
    {
        ViolationKind.Forbidden => 403, ViolationKind.NotFound => 404, ViolationKind.Invalid => 422, _ => 409,
    };
}

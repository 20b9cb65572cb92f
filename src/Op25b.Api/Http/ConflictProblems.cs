using Op25b.Persistence.Integrity;

namespace Op25b.Api.Http;

/// <summary>
/// What to tell a client whose write lost a race the database decided. The named constraints
/// hold the registry's promises; any other unique key says "someone wrote the same thing first".
/// </summary>
public static class ConflictProblems
{
    public static (string Field, string Detail) Describe(ConstraintViolation violation) => violation.Constraint switch
    {
        ConstraintViolation.OneHolderPerAddress => ("prefix",
            "The address is held by another subscriber in an overlapping period (a concurrent request assigned it first)."),
        ConstraintViolation.OneClaimPerExemptedAddress => ("prefixes",
            "A prefix overlaps another exemption that claims it in the same period (a concurrent request filed it first)."),
        _ => ("body",
            "A concurrent request wrote the same record first; nothing was changed. Fetch the current state and retry if still needed."),
    };

    public static Task WriteAsync(HttpContext http, ConstraintViolation violation)
    {
        var (field, detail) = Describe(violation);
        return Problems.Write(http, StatusCodes.Status409Conflict, "Conflict with a concurrent change", detail, field);
    }
}

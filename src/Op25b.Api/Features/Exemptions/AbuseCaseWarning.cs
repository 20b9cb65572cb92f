using Op25b.Core.Abuse;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Features.Exemptions;

/// <summary>
/// Pre-check shown with an exemption request and approval: granting port 25 to a line that is
/// being handled for abuse is usually wrong, but the desk may know better (the case may be about
/// to be resolved), so it warns rather than refuses.
/// </summary>
public static class AbuseCaseWarning
{
    public static async Task<string?> ForAsync(AbuseCaseQueries queries, long subscriberId, CancellationToken ct) =>
        await queries.FindOpenCaseAsync(subscriberId, ct) is { } open
            ? $"The subscriber has an open abuse case ({open.Id}, {AbuseCaseTransitions.Name(open.State)}): check it before granting port 25."
            : null;

    public static IReadOnlyList<string>? Merge(IReadOnlyList<string>? existing, string? warning) =>
        warning is null ? existing : [.. existing ?? [], warning];
}

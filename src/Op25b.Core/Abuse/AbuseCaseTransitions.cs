namespace Op25b.Core.Abuse;

/// <summary>
/// The allowed moves of an abuse case, as a pure table:
/// open → notified | suspended | resolved; notified → suspended | resolved; suspended → resolved.
/// Suspension may come without a notice first (a machine sending thousands of attempts an hour
/// is stopped at once); nothing leaves <see cref="AbuseCaseState.Resolved"/> — a recurrence is a
/// new case, so every case's history stays one straight line that an auditor can read.
/// </summary>
public static class AbuseCaseTransitions
{
    private static readonly IReadOnlyDictionary<AbuseCaseState, AbuseCaseState[]> Allowed = new Dictionary<AbuseCaseState, AbuseCaseState[]>
    {
        [AbuseCaseState.Open] = [AbuseCaseState.Notified, AbuseCaseState.Suspended, AbuseCaseState.Resolved],
        [AbuseCaseState.Notified] = [AbuseCaseState.Suspended, AbuseCaseState.Resolved],
        [AbuseCaseState.Suspended] = [AbuseCaseState.Resolved],
        [AbuseCaseState.Resolved] = [],
    };

    /// <summary>States that still count as "an open case" for the subscriber (everything but resolved).</summary>
    public static readonly AbuseCaseState[] Unresolved = [AbuseCaseState.Open, AbuseCaseState.Notified, AbuseCaseState.Suspended];

    public static IReadOnlyList<AbuseCaseState> From(AbuseCaseState state) => Allowed[state];

    public static bool IsAllowed(AbuseCaseState from, AbuseCaseState to) => Allowed[from].Contains(to);

    /// <summary>Throws a conflict (409 at the API) naming <c>targetState</c> when the move is not allowed.</summary>
    public static void Require(AbuseCaseState from, AbuseCaseState to)
    {
        if (IsAllowed(from, to))
            return;
        var allowed = Allowed[from];
        throw new DomainRuleViolation(ViolationKind.Conflict, "targetState",
            $"A case that is {Name(from)} cannot become {Name(to)}; allowed: "
            + (allowed.Length == 0 ? "none (a resolved case is final; open a new one)" : string.Join(", ", allowed.Select(Name))) + ".");
    }

    public static string Name(AbuseCaseState state) => state.ToString().ToLowerInvariant();
}

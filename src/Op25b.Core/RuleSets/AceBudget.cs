using System.Globalization;

namespace Op25b.Core.RuleSets;

/// <summary>The budget check's result; a push goes ahead only when <see cref="WithinBudget"/>.</summary>
public sealed record BudgetVerdict(bool WithinBudget, int Entries, int? Budget, string Message);

/// <summary>
/// Checks that a rule set fits the router's hardware entry budget before it is pushed. Line cards
/// hold a fixed number of ACEs (an NCS5500 defaults to 4,000 IPv4 entries) and object groups expand
/// into one entry per prefix, so a config that parses can still fail to program.
/// </summary>
public static class AceBudget
{
    /// <param name="renderer">The renderer of the router's platform, which knows how the device expands the rules.</param>
    /// <param name="content">The rule set to push.</param>
    /// <param name="budget">The router's entry budget; null when it has none (e.g. a Linux router).</param>
    public static BudgetVerdict Check(IRuleSetRenderer renderer, RuleSetContent content, int? budget)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(content);
        if (budget < 0)
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "An ACE budget cannot be negative.");

        var entries = renderer.ExpandedEntryCount(content);
        var platform = renderer.Platform.Name();
        var within = budget is null || entries <= budget;
        var message = budget switch
        {
            null => Format($"{platform} needs {entries:N0} entries; the router has no ACE budget set."),
            _ when within => Format($"{platform} needs {entries:N0} entries; within the router's ACE budget of {budget:N0}."),
            _ => Format($"{platform} would need {entries:N0} entries; the router's ACE budget is {budget:N0}."),
        };
        return new BudgetVerdict(within, entries, budget, message);
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}

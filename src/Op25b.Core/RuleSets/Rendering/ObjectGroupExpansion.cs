namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// How many TCAM entries an object-group ACL occupies once the device expands it: each ACE
/// becomes (source entries × destination entries), "any" counting as one. This is what the
/// NCS5500's 4,000 / 2,000 attached-ACE budget is spent on, not the number of ACL lines.
/// </summary>
internal static class ObjectGroupExpansion
{
    public static int Count(RuleSetContent content) => FamilyRules.Of(content).Sum(Count);

    private static int Count(FamilyRules family) =>
        1 * Placeholder.EntryCount(family.Relays.Count)   // permit tcp any <relays> eq smtp
        + Placeholder.EntryCount(family.Exempt.Count) * 1 // permit tcp <exempt> any eq smtp
        + Placeholder.EntryCount(family.Pools.Count) * 1  // deny tcp <pools> any eq smtp
        + 1;                                              // permit any any
}

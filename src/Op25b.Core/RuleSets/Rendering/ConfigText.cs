using System.Globalization;
using System.Text;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>Text helpers every renderer shares, so that all artifacts are byte-stable.</summary>
internal static class ConfigText
{
    /// <summary>
    /// Router group names come from the database, not from us: a newline in one would end a
    /// comment line and let the rest be read as configuration. Anything outside printable ASCII
    /// becomes '?'.
    /// </summary>
    public static string CommentSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
            safe.Append(c is >= ' ' and <= '~' ? c : '?');
        return safe.ToString();
    }

    /// <summary>
    /// "exemption 12" or "exemptions 3, 7": which exemptions produced an aggregated prefix, for
    /// an auditor reading the artifact. When <paramref name="maxLength"/> would be exceeded (nft
    /// caps comments at 128 characters) the tail is summarised as "and N more". Empty when no id.
    /// </summary>
    public static string Provenance(IReadOnlyList<long> exemptionIds, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(exemptionIds);
        // Most aggregated entries come from one exemption: no sort, no list.
        if (exemptionIds.Count == 1)
            return "exemption " + Invariant(exemptionIds[0]);
        // The compiler hands them over sorted and distinct; anything else is put in that order first.
        var ids = IsStrictlyIncreasing(exemptionIds) ? exemptionIds : [.. exemptionIds.Distinct().Order()];
        if (ids.Count == 0)
            return "";
        Span<char> digits = stackalloc char[20];
        var text = new StringBuilder(ids.Count == 1 ? "exemption " : "exemptions ").Append(Format(ids[0], digits));
        var shown = 1;
        // One pass: take the next id only if it still leaves room for the "and N more" tail, so a
        // capped text formats only the ids it shows.
        while (shown < ids.Count)
        {
            var rest = ids.Count - shown - 1;
            var tail = rest == 0 ? 0 : " and ".Length + Format(rest, digits).Length + " more".Length;
            var next = Format(ids[shown], digits);
            if (text.Length + 2 + next.Length + tail > maxLength)
                break;
            text.Append(", ").Append(next);
            shown++;
        }
        if (shown < ids.Count)
            text.Append(" and ").Append(Format(ids.Count - shown, digits)).Append(" more");
        return text.ToString();
    }

    private static bool IsStrictlyIncreasing(IReadOnlyList<long> ids)
    {
        for (var i = 1; i < ids.Count; i++)
            if (ids[i] <= ids[i - 1])
                return false;
        return true;
    }

    private static ReadOnlySpan<char> Format(long value, Span<char> digits)
    {
        value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        return digits[..written];
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// The zone name Cisco prints with <c>show-timezone</c> is whatever the operator typed in
/// <c>clock timezone NAME hours</c>. Only names that mean one offset everywhere are trusted;
/// any other (IST, CST, BST…) is read in the router's configured zone instead.
/// </summary>
internal static class ZoneAbbreviations
{
    private static readonly Dictionary<string, TimeSpan> Offsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["UT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9),
        ["HKT"] = TimeSpan.FromHours(8), ["SGT"] = TimeSpan.FromHours(8), ["AWST"] = TimeSpan.FromHours(8),
        ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11),
        ["NZST"] = TimeSpan.FromHours(12), ["NZDT"] = TimeSpan.FromHours(13),
        ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["WET"] = TimeSpan.Zero, ["WEST"] = TimeSpan.FromHours(1),
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
    };

    /// <summary>"+09:00", "+0900", "-05" or a trusted name; null means "use the router's zone".</summary>
    public static TimeSpan? OffsetOf(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
            return null;
        if (name[0] is '+' or '-')
            return NumericOffset(name);
        return Offsets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var offset) ? offset : null;
    }

    private static TimeSpan? NumericOffset(ReadOnlySpan<char> text)
    {
        var sign = text[0] == '-' ? -1 : 1;
        var digits = text[1..];
        int hours, minutes = 0;
        if (digits.Length == 2 && int.TryParse(digits, out hours)) { }
        else if (digits.Length == 4 && int.TryParse(digits[..2], out hours) && int.TryParse(digits[2..], out minutes)) { }
        else if (digits.Length == 5 && digits[2] == ':' && int.TryParse(digits[..2], out hours) && int.TryParse(digits[3..], out minutes)) { }
        else
            return null;
        if (hours > 14 || minutes > 59)
            return null;
        return sign * new TimeSpan(hours, minutes, 0);
    }
}

namespace Op25b.Core.Impact;

/// <summary>What a server's EHLO answer offers that matters for submission: STARTTLS (RFC 3207) and AUTH with its mechanisms (RFC 4954).</summary>
public sealed record EhloCapabilities(bool StartTls, bool Auth, IReadOnlyList<string> AuthMechanisms, IReadOnlyList<string> Keywords)
{
    /// <summary>From the texts of a 250 reply's lines; the first line is the server's greeting name, not a capability.</summary>
    public static EhloCapabilities From(IReadOnlyList<string> lines)
    {
        var keywords = new List<string>();
        var mechanisms = new List<string>();
        var auth = false;
        foreach (var line in lines.Skip(1))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            var keyword = words[0].ToUpperInvariant();
            keywords.Add(keyword);
            // Old servers also announce "AUTH=LOGIN PLAIN" (pre-RFC 4954 Outlook syntax).
            if (keyword == "AUTH" || keyword.StartsWith("AUTH=", StringComparison.Ordinal))
            {
                auth = true;
                var listed = keyword == "AUTH" ? words.Skip(1) : [words[0][5..], .. words.Skip(1)];
                mechanisms.AddRange(listed.Select(m => m.ToUpperInvariant()).Where(m => m.Length > 0 && !mechanisms.Contains(m)));
            }
        }
        return new EhloCapabilities(keywords.Contains("STARTTLS"), auth, mechanisms.Distinct().ToList(), keywords);
    }
}

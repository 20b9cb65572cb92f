namespace Op25b.Core.Attempts.Parsing;

/// <summary>The <c>&lt;PRI&gt;</c> prefix shared by both header formats.</summary>
internal static class PriorityField
{
    /// <summary>Reads "&lt;N&gt;" at the start; consumed is 0 when there is no PRI.</summary>
    public static string? TryRead(string line, out int? priority, out int consumed)
    {
        priority = null;
        consumed = 0;
        if (line.Length == 0 || line[0] != '<')
            return null;
        var close = line.IndexOf('>', 1);
        // RFC 5424: PRI is 1-3 digits, 0-191 (facility 0-23 times 8 plus severity 0-7).
        if (close is < 2 or > 4)
            return "malformed PRI";
        var value = 0;
        for (var i = 1; i < close; i++)
        {
            if (!char.IsAsciiDigit(line[i]))
                return "malformed PRI";
            value = value * 10 + (line[i] - '0');
        }
        if (value > 191)
            return "PRI out of range";
        priority = value;
        consumed = close + 1;
        return null;
    }
}

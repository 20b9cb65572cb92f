using System.Globalization;
using System.Text.RegularExpressions;

namespace Op25b.Core.Ingest;

internal static partial class Rfc3339
{
    // DateTimeOffset.TryParse happily assumes the server's zone for "2026-01-01T10:00:00"; a
    // router's log without an offset is ambiguous, so the shape is checked before parsing.
    // Seven fraction digits is what DateTimeOffset can hold.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (!Shape().IsMatch(text))
            return false;
        var normalised = text.ToUpperInvariant().Replace(' ', 'T');
        if (!DateTimeOffset.TryParseExact(normalised, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        value = parsed.ToUniversalTime();
        return true;
    }
}

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// The operator configures the log prefix; it lands inside a double-quoted nft string. Rather
/// than escape it we accept only text that needs no escaping, so what the kernel logs is
/// exactly what the operator typed (the log parser matches on it).
/// </summary>
public static class NftLogPrefix
{
    /// <summary>The kernel's NF_LOG_PREFIXLEN is 128 bytes including the terminating NUL; nft 1.0.6 refuses 128 characters.</summary>
    public const int MaxLength = 127;

    /// <summary>Null when the prefix is acceptable, else the reason it is not.</summary>
    public static string? Problem(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
            return "The log prefix must not be empty: blocked-attempt records are recognised by it.";
        if (prefix.Length > MaxLength)
            return $"The log prefix is {prefix.Length} characters; nftables allows at most {MaxLength}.";
        foreach (var c in prefix)
        {
            // '"' would end the nft string and '\' starts an escape; '$' inside a quoted string is
            // expanded as an nft variable by nft 1.0.6 ("unknown identifier"). Control characters
            // and non-ASCII would break the log line the parser reads back.
            if (c is < ' ' or > '~' or '"' or '\\' or '$')
                return $"The log prefix may hold only printable ASCII without '\"', '\\' or '$'; found U+{(int)c:X4}.";
        }
        return null;
    }

    /// <exception cref="ArgumentException">The prefix is empty, too long, or holds a character nft would not take literally.</exception>
    public static void Validate(string? prefix, string paramName = "LogPrefix")
    {
        if (Problem(prefix) is { } problem)
            throw new ArgumentException(problem, paramName);
    }
}

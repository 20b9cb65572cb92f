namespace Op25b.Routers.Nftables;

/// <summary>
/// The outcome of pushing a rule set. <paramref name="Stage"/> is where it stopped (one of
/// <see cref="PushStage"/>; "done" on success). <paramref name="Output"/> is the router's own
/// text for that stage (nft's error with file:line:col, or the verification differences),
/// trimmed and capped at <see cref="MaxOutputLength"/> characters.
/// </summary>
public sealed record PushResult(bool Succeeded, string Stage, string Output, TimeSpan Elapsed)
{
    /// <summary>Worth trying again later: only a connection that failed for transient reasons.</summary>
    public bool Retryable { get; init; }

    /// <summary>
    /// The connection broke after the script was sent: the router may run the new rule set or the
    /// old one (never a mix — one <c>nft -f</c> is one transaction). Only reading it tells.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>How long each stage that ran took (connect, apply — the transfer included —, verify): where a push's time goes.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages { get; init; } = [];

    public string Profile => string.Join(", ", Stages.Select(s => $"{s.Stage} {s.Elapsed.TotalMilliseconds:F0} ms"));

    public const int MaxOutputLength = 16 * 1024;

    internal static string Cap(string output)
    {
        var trimmed = output.Trim();
        if (trimmed.Length <= MaxOutputLength)
            return trimmed;
        const string marker = "\n[output truncated]";
        return trimmed[..(MaxOutputLength - marker.Length)] + marker;
    }
}

/// <summary>The steps of a push, in order. A push that fails at connect or validate has not touched the router.</summary>
public static class PushStage
{
    public const string Connect = "connect";
    public const string Validate = "validate";
    public const string Apply = "apply";
    public const string Verify = "verify";
    public const string Done = "done";
}

namespace Op25b.Core.Impact;

/// <summary>
/// The decision flow ISPs publish for "why can't I send mail?" (domain primer, 影響判定):
/// roaming first (the block that bites is the visited ISP's, whatever our line's product), then
/// 1 line in scope, 2 webmail only, 3 which server and port. Only TCP/25 is blocked, so anything
/// on another port passes; this ISP's own servers are reachable on 25 as well (rule 1 of every
/// rule set permits them).
/// </summary>
public static class ImpactCheck
{
    public const int Smtp = 25;

    private static readonly Remedy[] SubmissionRemedies = [Remedy.SwitchTo587SmtpAuth, Remedy.Use465ImplicitTls];

    public static ImpactDecision Decide(ImpactCheckInput input)
    {
        if (input.SmtpPort is { } port && port is < 1 or > 65535)
            throw new DomainRuleViolation(ViolationKind.Invalid, "smtpPort", $"{port} is not a TCP port (1–65535).");
        if (input.Roaming)
            return Roaming(input);
        if (!input.LineInScope)
            return NotAffected(ImpactReason.LineNotInScope);
        if (input.WebmailOnly)
            return NotAffected(ImpactReason.WebmailOnly);
        return RequireServer(input) switch
        {
            MailServerKind.IspServer => NotAffected(ImpactReason.IspServer),
            MailServerKind.OtherProvider when RequirePort(input) != Smtp => NotAffected(ImpactReason.SubmissionPortToOtherProvider),
            MailServerKind.OtherProvider => Affected(ImpactReason.Port25ToOtherProvider, [.. SubmissionRemedies, Remedy.RelayViaIsp, Remedy.UseWebmail]),
            // Delivery to MX hosts is port 25 by definition (RFC 5321): no port to ask about.
            _ => Affected(ImpactReason.OwnMtaDirectToMx, [Remedy.RelayViaIsp, Remedy.ApplyForExemption]),
        };
    }

    /// <summary>The visited ISP blocks 25 towards everyone, our servers included: only submission ports help.</summary>
    private static ImpactDecision Roaming(ImpactCheckInput input)
    {
        if (input.WebmailOnly)
            return NotAffected(ImpactReason.WebmailOnly);
        var server = RequireServer(input);
        if (server != MailServerKind.OwnMta && RequirePort(input) != Smtp)
            return NotAffected(ImpactReason.RoamingOnSubmissionPort);
        return Affected(ImpactReason.RoamingOnPort25, [.. SubmissionRemedies, Remedy.UseWebmail]);
    }

    private static MailServerKind RequireServer(ImpactCheckInput input) => input.SmtpServer
        ?? throw new DomainRuleViolation(ViolationKind.Invalid, "smtpServer", "Say which server the mail client sends through (unless the customer uses webmail only).");

    private static int RequirePort(ImpactCheckInput input) => input.SmtpPort
        ?? throw new DomainRuleViolation(ViolationKind.Invalid, "smtpPort", "Say which port the mail client uses for outgoing mail: the verdict depends on it.");

    private static ImpactDecision NotAffected(ImpactReason reason) => new(ImpactVerdict.NotAffected, reason, []);

    private static ImpactDecision Affected(ImpactReason reason, Remedy[] remedies) => new(ImpactVerdict.Affected, reason, remedies);
}

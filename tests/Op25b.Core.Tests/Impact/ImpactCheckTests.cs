using Op25b.Core;
using Op25b.Core.Impact;
using static Op25b.Core.Impact.MailServerKind;
using static Op25b.Core.Impact.Remedy;

namespace Op25b.Core.Tests.Impact;

/// <summary>The primer's decision flow (影響判定), case by case, then every combination of answers.</summary>
public sealed class ImpactCheckTests
{
    public static TheoryData<string, ImpactCheckInput, ImpactVerdict, ImpactReason, Remedy[]> PrimerCases => new()
    {
        { "1. static business line, own MTA", new(false, false, OwnMta, 25, false), ImpactVerdict.NotAffected, ImpactReason.LineNotInScope, [] },
        { "1. static line, other provider on 25", new(false, false, OtherProvider, 25, false), ImpactVerdict.NotAffected, ImpactReason.LineNotInScope, [] },
        { "2. webmail only, nothing configured", new(true, true, null, null, false), ImpactVerdict.NotAffected, ImpactReason.WebmailOnly, [] },
        { "3. ISP submission server on 587", new(true, false, IspServer, 587, false), ImpactVerdict.NotAffected, ImpactReason.IspServer, [] },
        { "3. ISP relay on 25 (permitted by rule 1)", new(true, false, IspServer, 25, false), ImpactVerdict.NotAffected, ImpactReason.IspServer, [] },
        { "3. ISP server, port not known", new(true, false, IspServer, null, false), ImpactVerdict.NotAffected, ImpactReason.IspServer, [] },
        { "3. other provider on 25", new(true, false, OtherProvider, 25, false), ImpactVerdict.Affected, ImpactReason.Port25ToOtherProvider,
            [SwitchTo587SmtpAuth, Use465ImplicitTls, RelayViaIsp, UseWebmail] },
        { "3. other provider on 587", new(true, false, OtherProvider, 587, false), ImpactVerdict.NotAffected, ImpactReason.SubmissionPortToOtherProvider, [] },
        { "3. other provider on 465", new(true, false, OtherProvider, 465, false), ImpactVerdict.NotAffected, ImpactReason.SubmissionPortToOtherProvider, [] },
        { "3. other provider on 2525", new(true, false, OtherProvider, 2525, false), ImpactVerdict.NotAffected, ImpactReason.SubmissionPortToOtherProvider, [] },
        { "3. own MTA straight to MX", new(true, false, OwnMta, null, false), ImpactVerdict.Affected, ImpactReason.OwnMtaDirectToMx, [RelayViaIsp, ApplyForExemption] },
        { "3. own MTA, port given anyway", new(true, false, OwnMta, 587, false), ImpactVerdict.Affected, ImpactReason.OwnMtaDirectToMx, [RelayViaIsp, ApplyForExemption] },
        { "4. roaming, ISP server on 25", new(true, false, IspServer, 25, true), ImpactVerdict.Affected, ImpactReason.RoamingOnPort25,
            [SwitchTo587SmtpAuth, Use465ImplicitTls, UseWebmail] },
        { "4. roaming from a static line: the visited ISP still blocks", new(false, false, IspServer, 25, true), ImpactVerdict.Affected, ImpactReason.RoamingOnPort25,
            [SwitchTo587SmtpAuth, Use465ImplicitTls, UseWebmail] },
        { "4. roaming, ISP server on 587", new(true, false, IspServer, 587, true), ImpactVerdict.NotAffected, ImpactReason.RoamingOnSubmissionPort, [] },
        { "4. roaming, ISP server on 465", new(false, false, IspServer, 465, true), ImpactVerdict.NotAffected, ImpactReason.RoamingOnSubmissionPort, [] },
        { "4. roaming, webmail only", new(true, true, null, null, true), ImpactVerdict.NotAffected, ImpactReason.WebmailOnly, [] },
        { "4. roaming, other provider on 25", new(true, false, OtherProvider, 25, true), ImpactVerdict.Affected, ImpactReason.RoamingOnPort25,
            [SwitchTo587SmtpAuth, Use465ImplicitTls, UseWebmail] },
    };

    [Theory]
    [MemberData(nameof(PrimerCases))]
    public void The_primer_flow_gives_the_documented_verdict_and_remedies(string _, ImpactCheckInput input, ImpactVerdict verdict, ImpactReason reason, Remedy[] remedies)
    {
        var decision = ImpactCheck.Decide(input);
        Assert.Equal((verdict, reason), (decision.Verdict, decision.Reason));
        Assert.Equal(remedies, decision.Remedies);
    }

    [Theory]
    [InlineData(false, null, 587, "smtpServer")]
    [InlineData(false, OtherProvider, null, "smtpPort")]
    [InlineData(true, IspServer, null, "smtpPort")]
    [InlineData(false, OtherProvider, 0, "smtpPort")]
    [InlineData(false, OtherProvider, 70000, "smtpPort")]
    public void A_missing_answer_the_verdict_depends_on_is_refused_naming_the_field(bool roaming, MailServerKind? server, int? port, string field)
    {
        var error = Assert.Throws<DomainRuleViolation>(() => ImpactCheck.Decide(new ImpactCheckInput(true, false, server, port, roaming)));
        Assert.Equal((ViolationKind.Invalid, field), (error.Kind, error.Field));
    }

    [Fact]
    public void Every_combination_of_answers_is_decided_or_refused_and_affected_always_comes_with_a_remedy()
    {
        MailServerKind?[] servers = [null, IspServer, OtherProvider, OwnMta];
        int?[] ports = [null, 25, 465, 587, 2525];
        var decided = 0;
        foreach (var inScope in new[] { true, false })
        foreach (var webmail in new[] { true, false })
        foreach (var roaming in new[] { true, false })
        foreach (var server in servers)
        foreach (var port in ports)
        {
            ImpactDecision decision;
            try
            {
                decision = ImpactCheck.Decide(new ImpactCheckInput(inScope, webmail, server, port, roaming));
            }
            catch (DomainRuleViolation e)
            {
                Assert.Contains(e.Field, new[] { "smtpServer", "smtpPort" });
                continue;
            }
            decided++;
            Assert.Equal(decision.Verdict == ImpactVerdict.Affected, decision.Remedies.Count > 0);
            // Only port 25 is blocked: a client that never uses it cannot be affected.
            if (webmail || (server != OwnMta && port is not null and not 25))
                Assert.Equal(ImpactVerdict.NotAffected, decision.Verdict);
        }
        Assert.True(decided > 100, $"only {decided} combinations decided");
    }
}

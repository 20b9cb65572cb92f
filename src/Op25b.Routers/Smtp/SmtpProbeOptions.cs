namespace Op25b.Routers.Smtp;

/// <summary>Bound from <c>ImpactCheck:Probe</c>. Ports are settable so tests can point the probe at loopback listeners on ephemeral ports.</summary>
public sealed class SmtpProbeOptions
{
    public const string Section = "ImpactCheck:Probe";

    /// <summary>Message submission with STARTTLS (RFC 6409).</summary>
    public int SubmissionPort { get; set; } = 587;

    /// <summary>Submission over implicit TLS (RFC 8314).</summary>
    public int ImplicitTlsPort { get; set; } = 465;

    /// <summary>
    /// The whole conversation on one port — connect, TLS, banner, EHLO, STARTTLS — must finish
    /// within this; the ports are probed at the same time, so a probe never takes much longer.
    /// A desk operator is on the phone with a customer: a hanging answer is worse than "timed out".
    /// </summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>Name sent with EHLO. ".invalid" (RFC 2606) says plainly that this is not a mail host.</summary>
    public string EhloName { get; set; } = "op25b-probe.invalid";

    /// <summary>Tests only: allow loopback and private targets. Never in production — see <see cref="Core.Impact.ProbeTargetRules"/>.</summary>
    public bool AllowInternalTargets { get; set; }
}

namespace Op25b.Core.Impact;

/// <summary>What an affected customer can do, most recommended first. The kebab-case name is the stable code.</summary>
public enum Remedy
{
    /// <summary>RFC 6409 message submission: port 587 with SMTP AUTH (and STARTTLS).</summary>
    SwitchTo587SmtpAuth,
    /// <summary>RFC 8314 implicit TLS submission on port 465, with SMTP AUTH.</summary>
    Use465ImplicitTls,
    /// <summary>Send through this ISP's submission server / smart host, which may reach port 25 anywhere.</summary>
    RelayViaIsp,
    UseWebmail,
    /// <summary>Exemptions are granted to static-IP / business lines only: move the line, then apply.</summary>
    ApplyForExemption,
}

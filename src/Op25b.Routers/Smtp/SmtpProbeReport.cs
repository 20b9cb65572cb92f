namespace Op25b.Routers.Smtp;

public enum SmtpProbeMode
{
    /// <summary>Plain connection, TLS only if the server offers STARTTLS (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    ImplicitTls,
}

public enum SmtpProbeOutcome
{
    /// <summary>The server greeted and answered EHLO.</summary>
    Ok,
    /// <summary>Nothing listens (TCP reset): the port is closed or filtered with reject.</summary>
    Refused,
    /// <summary>No answer in time: the port is filtered (silent drop) or the server hangs.</summary>
    TimedOut,
    /// <summary>No route to the host or network.</summary>
    Unreachable,
    /// <summary>Something answered, but not SMTP (or the TLS handshake on 465 failed).</summary>
    NotSmtp,
    TlsFailed,
    /// <summary>The server greeted with an error code (4xx/5xx), or refused EHLO.</summary>
    Rejected,
    /// <summary>The server closed the connection mid-conversation.</summary>
    Closed,
}

/// <summary>What a TLS handshake showed. The certificate is checked against the host name the operator typed.</summary>
public sealed record TlsReport(bool Established, bool CertificateValid, string? CertificateProblems, string? Subject, DateTimeOffset? NotAfter, string? Protocol);

public sealed record SmtpPortReport(
    int Port,
    SmtpProbeMode Mode,
    SmtpProbeOutcome Outcome,
    string? Banner,
    bool StartTlsOffered,
    bool AuthOffered,
    IReadOnlyList<string> AuthMechanisms,
    TlsReport? Tls,
    long ElapsedMilliseconds,
    string? Detail);

public sealed record SmtpProbeReport(string Host, string Address, IReadOnlyList<SmtpPortReport> Ports);

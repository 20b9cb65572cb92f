namespace Op25b.Core.Impact;

/// <summary>Where the customer's mail client (or server) hands its outgoing mail.</summary>
public enum MailServerKind
{
    /// <summary>This ISP's submission server / relay.</summary>
    IspServer,
    /// <summary>Another provider's server (a hosting company, a free mail service, the office).</summary>
    OtherProvider,
    /// <summary>The customer's own MTA, delivering straight to the recipients' MX hosts.</summary>
    OwnMta,
}

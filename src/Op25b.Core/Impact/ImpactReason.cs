namespace Op25b.Core.Impact;

/// <summary>Why the verdict is what it is. The kebab-case name is the stable code clients key texts on.</summary>
public enum ImpactReason
{
    LineNotInScope,
    WebmailOnly,
    IspServer,
    SubmissionPortToOtherProvider,
    Port25ToOtherProvider,
    OwnMtaDirectToMx,
    RoamingOnSubmissionPort,
    RoamingOnPort25,
}

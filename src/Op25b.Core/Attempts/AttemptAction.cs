namespace Op25b.Core.Attempts;

/// <summary>What the router did with the packet it logged.</summary>
public enum AttemptAction
{
    Dropped,
    Rejected,
    // Kept because Cisco and Junos log "permitted"/"A" lines when an exemption's permit entry
    // carries a log keyword; they are evidence of use, not of blocking.
    Permitted,
}

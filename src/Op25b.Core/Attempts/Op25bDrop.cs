namespace Op25b.Core.Attempts;

/// <summary>Why a parsed packet-log record is not an OP25B drop; the label it is counted under.</summary>
public enum NotCountedReason
{
    /// <summary>Logged by an ACL, filter or prefix the router's OP25B rule set did not render.</summary>
    OtherList,
    /// <summary>The router let the packet through (a permit/accept entry that logs).</summary>
    Permitted,
    NotTcp,
    NotPort25,
}

/// <summary>The rule that decides which router log records become blocked attempts.</summary>
public static class Op25bDrop
{
    /// <returns>Null when the record is an OP25B drop, else why it is not.</returns>
    public static NotCountedReason? WhyNot(BlockedAttemptRecord record, OwnLogNames names)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(names);
        if (!names.Names(record))
            return NotCountedReason.OtherList;
        if (record.Action == AttemptAction.Permitted)
            return NotCountedReason.Permitted;
        if (record.Protocol != "tcp")
            return NotCountedReason.NotTcp;
        if (record.DestinationPort != 25)
            return NotCountedReason.NotPort25;
        return null;
    }

    /// <summary>Metric label: other-list, permitted, not-tcp, not-port-25.</summary>
    public static string Label(this NotCountedReason reason) => reason switch
    {
        NotCountedReason.OtherList => "other-list",
        NotCountedReason.Permitted => "permitted",
        NotCountedReason.NotTcp => "not-tcp",
        NotCountedReason.NotPort25 => "not-port-25",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

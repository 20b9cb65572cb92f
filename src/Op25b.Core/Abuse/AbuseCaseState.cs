namespace Op25b.Core.Abuse;

/// <summary>Where an abuse case stands. Only <see cref="Resolved"/> ends it; see <see cref="AbuseCaseTransitions"/>.</summary>
public enum AbuseCaseState
{
    /// <summary>Opened (by a person or the offender job), nobody has contacted the subscriber yet.</summary>
    Open,
    /// <summary>The subscriber was told (mail, letter, call) and asked to clean the machine.</summary>
    Notified,
    /// <summary>Service (or an exemption) is suspended until the subscriber proves the problem fixed.</summary>
    Suspended,
    /// <summary>Closed: cleaned up, false positive, or contract ended. A recurrence opens a new case.</summary>
    Resolved,
}

namespace Op25b.Persistence.Retention;

/// <summary>
/// How long each kind of record is kept (days), bound from <c>Retention</c>. Connection and
/// attempt records touch the secrecy of communications (Japan) and are personal data (GDPR):
/// keep them only as long as abuse handling needs — MIC guidance is about six months.
/// </summary>
public sealed class RetentionPolicy
{
    public const string Section = "Retention";

    public int AttemptsDays { get; set; } = 180;
    public int QuarantineDays { get; set; } = 30;
    public int SessionsDays { get; set; } = 180;

    /// <summary>Export files and their sidecars (audit archives excepted); the export's row and manifest stay.</summary>
    public int ExportsDays { get; set; } = 30;

    /// <summary>
    /// Audit entries older than this are archived (an export with a manifest) and then removed,
    /// leaving an anchor from which the rest of the chain still verifies. 0 keeps them forever.
    /// </summary>
    public int AuditDays { get; set; } = 3650;
}

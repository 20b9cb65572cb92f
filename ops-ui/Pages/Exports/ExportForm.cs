using Op25b.Persistence.Exports;

namespace Op25b.OpsUi.Pages.Exports;

/// <summary>
/// The request form. Instants are entered as local times in the console's zone (what the auditor
/// reads on every page) and sent on in UTC; which of them a type needs, its source validates.
/// </summary>
public sealed class ExportForm
{
    public string Type { get; set; } = "";
    public string Format { get; set; } = "csv";
    public bool ByteOrderMark { get; set; }
    public DateTime? At { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? Router { get; set; }
    public string? Subscriber { get; set; }

    public ExportQuery ToQuery(TimeZoneInfo zone) =>
        new(Utc(At, zone), Utc(From, zone), Utc(To, zone), Blank(Router), Blank(Subscriber));

    private static DateTimeOffset? Utc(DateTime? local, TimeZoneInfo zone) =>
        local is { } l ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), zone), TimeSpan.Zero) : null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

namespace Op25b.OpsUi.Hosting;

/// <summary>Shows UTC instants in the configured zone, with the zone's offset so a screenshot is never ambiguous.</summary>
public sealed class ConsoleTime(TimeZoneInfo zone, TimeProvider clock)
{
    public TimeZoneInfo Zone => zone;

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    public string Format(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm zzz");

    public string Format(DateTimeOffset? instant) => instant is { } i ? Format(i) : "—";

    public string Hour(DateTimeOffset instant) => Local(instant).ToString("MM-dd HH:00");
}

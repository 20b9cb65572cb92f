using System.Net;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts;

internal static class AttemptSamples
{
    public static readonly DateTimeOffset At = new(2026, 11, 28, 3, 10, 0, 123, TimeSpan.Zero);
    /// <summary>When the sample lines arrive: a few hours after they were logged.</summary>
    public static readonly DateTimeOffset Received = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    public static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static RouterClock Clock(TimeZoneInfo? zone = null, DateTimeOffset? received = null) =>
        new(zone ?? TimeZoneInfo.Utc, received ?? Received);

    public static BlockedAttemptRecord V4(int? sourcePort = 51544, int destinationPort = 25) => new(
        At, "bras-tokyo-1", IPAddress.Parse("198.51.100.23"), sourcePort,
        IPAddress.Parse("203.0.113.9"), destinationPort, "tcp", AttemptAction.Dropped);

    public static SyslogMessage Message(string text, string? host = "bras-tokyo-1", string? app = null) =>
        new(At, host, app, text, 4, 4);
}

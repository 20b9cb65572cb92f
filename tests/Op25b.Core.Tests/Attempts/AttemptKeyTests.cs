using System.Net;
using Op25b.Core.Attempts;

namespace Op25b.Core.Tests.Attempts;

public sealed class AttemptKeyTests
{
    [Fact]
    public void The_same_attempt_delivered_twice_has_the_same_key()
    {
        var first = AttemptSamples.V4();
        var again = AttemptSamples.V4() with { RouterName = "BRAS-TOKYO-1", Packets = 3 };

        Assert.Equal(AttemptKey.Of(first), AttemptKey.Of(again));
        Assert.Equal(64, AttemptKey.Of(first).Length);
    }

    [Fact]
    public void Attempts_a_microsecond_apart_have_different_keys()
    {
        var first = AttemptSamples.V4();
        var later = first with { OccurredAt = first.OccurredAt.AddTicks(10) };

        Assert.NotEqual(AttemptKey.Of(first), AttemptKey.Of(later));
    }

    [Fact]
    public void Differences_below_a_microsecond_do_not_change_the_key()
    {
        var first = AttemptSamples.V4();
        var later = first with { OccurredAt = first.OccurredAt.AddTicks(5) };

        Assert.Equal(AttemptKey.Of(first), AttemptKey.Of(later));
    }

    [Fact]
    public void A_different_source_port_gives_a_different_key()
    {
        Assert.NotEqual(AttemptKey.Of(AttemptSamples.V4(51544)), AttemptKey.Of(AttemptSamples.V4(51545)));
    }

    [Fact]
    public void An_event_id_replaces_the_tuple()
    {
        var first = AttemptSamples.V4() with { EventId = "evt-1" };
        var sameEvent = first with { Source = IPAddress.Parse("198.51.100.99") };
        var otherRouter = first with { RouterName = "bras-osaka-1" };

        Assert.Equal(AttemptKey.Of(first), AttemptKey.Of(sameEvent));
        Assert.NotEqual(AttemptKey.Of(first), AttemptKey.Of(otherRouter));
    }

    /// <summary>The key is stored: a resend after an upgrade must hash to what the earlier build stored.</summary>
    [Theory]
    [InlineData(51544, "203.0.113.7", "198.51.100.25", "tcp", null, "bras-tokyo-1")]
    [InlineData(null, "2001:db8::7", "2001:db8:25::1", "TCP", null, " BRAS-Tokyo-1 ")]
    [InlineData(40000, "203.0.113.7", "198.51.100.25", "udp", "evt-42", "bras-tokyo-1")]
    [InlineData(40000, "203.0.113.7", "198.51.100.25", "tcp", null, "a-router-name-longer-than-the-stack-buffer-of-one-hundred-and-twenty-eight-characters-which-takes-the-allocating-path-instead-xx")]
    public void Keys_are_the_hash_of_the_canonical_text_earlier_builds_stored(int? sourcePort, string source, string destination, string protocol, string? eventId, string router)
    {
        var record = AttemptSamples.V4(sourcePort) with
        {
            Source = IPAddress.Parse(source), Destination = IPAddress.Parse(destination), Protocol = protocol, EventId = eventId, RouterName = router,
        };
        var name = router.Trim().ToLowerInvariant();
        var canonical = eventId is not null
            ? $"id\n{name}\n{eventId}"
            : string.Join('\n', "tuple", name, (record.OccurredAt.UtcTicks / 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                source, sourcePort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", destination, "25", protocol.ToLowerInvariant());

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))), AttemptKey.Of(record));
    }
}

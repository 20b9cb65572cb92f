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
}

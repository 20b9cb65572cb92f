using System.Net;
using Op25b.Core.Attempts;

namespace Op25b.Core.Tests.Attempts;

public sealed class AttemptValidationTests
{
    private static readonly DateTimeOffset Now = AttemptSamples.At.AddMinutes(1);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(180);

    [Fact]
    public void A_well_formed_record_passes()
    {
        Assert.Null(AttemptValidation.Check(AttemptSamples.V4(), Now, Retention));
    }

    [Fact]
    public void A_record_without_source_port_passes()
    {
        Assert.Null(AttemptValidation.Check(AttemptSamples.V4(sourcePort: null), Now, Retention));
    }

    [Theory]
    [InlineData(70000, 25, "source port")]
    [InlineData(-1, 25, "source port")]
    [InlineData(51544, 70000, "destination port")]
    [InlineData(51544, 0, "destination port")]
    public void Impossible_ports_are_refused(int sourcePort, int destinationPort, string field)
    {
        var error = AttemptValidation.Check(AttemptSamples.V4(sourcePort, destinationPort), Now, Retention);

        Assert.NotNull(error);
        Assert.StartsWith(field, error);
    }

    [Fact]
    public void Mixed_address_families_are_refused()
    {
        var record = AttemptSamples.V4() with { Destination = IPAddress.Parse("2001:db8:ffff::9") };

        Assert.Contains("address families", AttemptValidation.Check(record, Now, Retention));
    }

    [Fact]
    public void A_timestamp_far_in_the_future_is_refused()
    {
        var record = AttemptSamples.V4() with { OccurredAt = Now.AddYears(1) };

        Assert.Contains("future", AttemptValidation.Check(record, Now, Retention));
    }

    [Fact]
    public void A_timestamp_within_five_minutes_of_skew_passes()
    {
        var record = AttemptSamples.V4() with { OccurredAt = Now.AddMinutes(4) };

        Assert.Null(AttemptValidation.Check(record, Now, Retention));
    }

    [Fact]
    public void A_timestamp_older_than_retention_is_refused()
    {
        var record = AttemptSamples.V4() with { OccurredAt = Now - Retention - TimeSpan.FromSeconds(1) };

        Assert.Contains("retention", AttemptValidation.Check(record, Now, Retention));
    }

    [Fact]
    public void A_zero_packet_count_is_refused()
    {
        var record = AttemptSamples.V4() with { Packets = 0 };

        Assert.Contains("packet count", AttemptValidation.Check(record, Now, Retention));
    }
}

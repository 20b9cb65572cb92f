using System.Net;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.Attempts;

public sealed class LineOutcomeTests
{
    private static RouterLogProfile Router(Platform platform = Platform.CiscoIosXe, string prefix = "OP25B-DROP ") =>
        new("bras-tokyo-1", TimeZoneInfo.Utc, OwnLogNames.For(platform, BlockingPolicy.Default with { LogPrefix = prefix }));

    private static ParseOutcome Parsed(BlockedAttemptRecord record) => ParseOutcome.Ok(record);

    [Fact]
    public void The_router_is_the_one_the_address_is_registered_to_and_a_different_hostname_is_flagged()
    {
        var outcome = LineOutcome.Judge(Parsed(AttemptSamples.V4() with { RouterName = "impostor", ListName = "OP25B-V4" }), Router());

        Assert.Equal(LineVerdict.Attempt, outcome.Verdict);
        Assert.Equal("bras-tokyo-1", outcome.Record!.RouterName);
        Assert.True(outcome.HostnameDiffers);
    }

    [Theory]
    [InlineData("BRAS-TOKYO-1")]
    [InlineData("bras-tokyo-1.example.net")]
    [InlineData("")]
    public void Case_a_domain_or_no_hostname_is_not_a_mismatch(string claimed)
    {
        var outcome = LineOutcome.Judge(Parsed(AttemptSamples.V4() with { RouterName = claimed, ListName = "OP25B-V4" }), Router());

        Assert.False(outcome.HostnameDiffers);
    }

    [Fact]
    public void A_changed_log_prefix_is_followed()
    {
        var record = AttemptSamples.V4() with { ListName = "ISP-SMTP-BLOCK" };

        Assert.Equal(LineVerdict.Attempt, LineOutcome.Judge(Parsed(record), Router(Platform.Nftables, " ISP-SMTP-BLOCK ")).Verdict);
        Assert.Equal(NotCountedReason.OtherList, LineOutcome.Judge(Parsed(record), Router(Platform.Nftables)).Reason);
    }

    [Fact]
    public void Junos_lines_name_no_filter_and_count_when_they_are_tcp_25_drops()
    {
        var outcome = LineOutcome.Judge(Parsed(AttemptSamples.V4() with { ListName = null }), Router(Platform.Junos));

        Assert.Equal(LineVerdict.Attempt, outcome.Verdict);
    }

    [Fact]
    public void A_line_without_a_list_name_does_not_count_where_the_platform_names_it()
    {
        Assert.Equal(NotCountedReason.OtherList, LineOutcome.Judge(Parsed(AttemptSamples.V4() with { ListName = null }), Router()).Reason);
    }

    [Fact]
    public void The_ipv6_list_name_is_required_on_ipv6_records()
    {
        var v6 = AttemptSamples.V4() with { Source = IPAddress.Parse("2001:db8::1"), Destination = IPAddress.Parse("2001:db8::2"), ListName = "OP25B-V6" };

        Assert.Equal(LineVerdict.Attempt, LineOutcome.Judge(Parsed(v6), Router()).Verdict);
        Assert.Equal(NotCountedReason.OtherList, LineOutcome.Judge(Parsed(v6 with { ListName = "OP25B-V4" }), Router()).Reason);
    }

    [Fact]
    public void Unrecognised_lines_are_counted_and_damaged_ones_refused()
    {
        Assert.Equal(LineVerdict.NotPacketLog, LineOutcome.Judge(ParseOutcome.Fail(SyslogAttemptParser.Unrecognised), Router()).Verdict);
        Assert.Equal(LineVerdict.Refused, LineOutcome.Judge(ParseOutcome.Fail("malformed destination port"), Router()).Verdict);
    }
}

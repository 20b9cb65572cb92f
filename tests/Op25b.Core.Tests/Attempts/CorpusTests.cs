using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.Attempts;

/// <summary>Every corpus line through the pure parsers and the OP25B rule, as the listeners apply them.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var file in CorpusFile.All())
            foreach (var entry in file.Entries)
                data.Add(entry.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_corpus_line_has_its_expected_outcome(string id)
    {
        var file = CorpusFile.All().Single(f => id.StartsWith(f.Name + ":", StringComparison.Ordinal));
        var entry = file.Entries.Single(e => e.ToString() == id);
        var router = new RouterLogProfile("corpus-router", LogZone.Of(file.Zone), OwnLogNames.For(file.Platform, BlockingPolicy.Default));
        var clock = new RouterClock(router.Zone, file.Received);
        var parsed = file.Channel == "ulogd" ? new UlogdJsonParser().Parse(entry.Line, clock) : new SyslogAttemptParser().Parse(entry.Line, clock);

        var outcome = LineOutcome.Judge(parsed, router);

        if (entry.IsAttempt)
        {
            Assert.True(outcome.Verdict == LineVerdict.Attempt, $"{outcome.Verdict} {outcome.Reason} {outcome.Error}");
            var r = outcome.Record!;
            Assert.Equal("corpus-router", r.RouterName);
            Assert.Equal(entry.Source, r.Source);
            Assert.Equal(entry.SourcePort, r.SourcePort);
            Assert.Equal(entry.Destination, r.Destination);
            Assert.Equal(entry.DestinationPort, r.DestinationPort);
            Assert.Equal(entry.Packets, r.Packets);
            Assert.Equal(entry.At(file.Received), r.OccurredAt);
            Assert.Null(AttemptValidation.Check(r, file.Received, TimeSpan.FromDays(180)));
        }
        else if (entry.IsRefused)
            Assert.True(outcome.Verdict == LineVerdict.Refused, $"{outcome.Verdict} {outcome.Reason}");
        else if (entry.SkipReason == "not-packet-log")
            Assert.Equal(LineVerdict.NotPacketLog, outcome.Verdict);
        else
        {
            Assert.True(outcome.Verdict == LineVerdict.NotCounted, $"{outcome.Verdict} {outcome.Error}");
            Assert.Equal(entry.SkipReason, outcome.Reason!.Value.Label());
        }
    }

    [Fact]
    public void Every_vendor_family_has_at_least_fifteen_cited_lines_of_each_kind_that_matters()
    {
        var files = CorpusFile.All();

        Assert.Equal(["cisco-ios-xe", "cisco-ios-xr", "junos", "linux-nftables", "ulogd-json"], files.Select(f => f.Name));
        Assert.All(files, f =>
        {
            Assert.True(f.Entries.Count >= 15, $"{f.Name} has {f.Entries.Count} lines");
            Assert.All(f.Entries, e => Assert.StartsWith("[", e.Citation));
            Assert.Contains(f.Entries, e => e.IsAttempt);
            Assert.Contains(f.Entries, e => e.SkipReason is not null);
            Assert.Contains(f.Entries, e => e.IsRefused);
        });
    }
}

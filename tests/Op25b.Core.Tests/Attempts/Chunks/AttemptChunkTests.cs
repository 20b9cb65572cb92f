using System.Net;
using Op25b.Core.Addressing;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Chunks;

namespace Op25b.Core.Tests.Attempts.Chunks;

public sealed class AttemptChunkTests
{
    [Theory]
    [InlineData("203.0.113.7", "198.51.100.25")]
    [InlineData("2001:db8::7", "2001:db8:25::1")]
    public void A_chunk_row_stores_what_the_attempt_row_stored(string source, string destination)
    {
        var record = AttemptSamples.V4() with { Source = IPAddress.Parse(source), Destination = IPAddress.Parse(destination), Action = AttemptAction.Rejected };
        var attempt = BlockedAttempt.From(record, "syslog", AttemptSamples.Received);

        var row = AttemptRows.From(record, "syslog", AttemptSamples.Received);

        Assert.Equal((attempt.OccurredAt.UtcDateTime, attempt.ReceivedAt.UtcDateTime), (row.OccurredAt, row.ReceivedAt));
        Assert.Equal((attempt.SourceIp.ToString(), attempt.SourceKey, attempt.DestinationIp.ToString()), (row.Source.ToString(), row.Source.Key(), row.Destination.ToString()));
        Assert.Equal(AddressKey.Of(IPAddress.Parse(source)), row.Source.Key());
        Assert.Equal((attempt.DedupKey, attempt.Action, attempt.SourcePort), (row.Dedup.ToHex(), row.Action, row.SourcePortOrNull));
        Assert.Equal(attempt.DedupKey, AttemptRows.From(attempt).Dedup.ToHex());
    }

    [Fact]
    public void A_returned_chunk_is_reused_empty_and_keeps_no_names()
    {
        var chunk = AttemptChunk.Rent();
        for (var i = 0; i < 3; i++)
            chunk.Add(AttemptRows.From(AttemptSamples.V4(40000 + i) with { RouterName = new string("bras-tokyo-1".ToCharArray()) }, "rest", AttemptSamples.Received));

        // One router name instance for the whole chunk, not one string per row kept alive across the store.
        Assert.Same(chunk[0].RouterName, chunk[2].RouterName);
        chunk.Return();

        Assert.Equal(0, chunk.Count);
    }
}

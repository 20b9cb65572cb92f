using Op25b.Core.Audit;

namespace Op25b.Core.Tests.Audit;

/// <summary>Checkpoints written outside the database, and what comparing them with the chain reveals.</summary>
public sealed class AuditCheckpointTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly AuditKey _key = AuditKey.Generate();

    [Fact]
    public void A_checkpoint_line_round_trips_and_is_authentic_under_its_key_only()
    {
        var checkpoint = AuditCheckpoint.Create(42, new string('a', 64), At, "admin host\t1", _key);

        var parsed = AuditCheckpoint.Parse(checkpoint.ToLine());

        Assert.Equal(checkpoint, parsed);
        Assert.Equal("admin_host_1", parsed!.Host);
        Assert.True(parsed.IsAuthentic(new AuditKeyring([AuditKey.Generate(), _key])));
        Assert.False(parsed.IsAuthentic(new AuditKeyring([AuditKey.Generate()])));
    }

    [Theory]
    [InlineData("op25b-audit-checkpoint/1\t43")]
    [InlineData("op25b-audit-checkpoint/1\t-1\taa\t2026-04-01T09:00:00.0000000+00:00\th\tk\tm")]
    [InlineData("something else entirely")]
    public void A_line_of_another_shape_does_not_parse(string line) => Assert.Null(AuditCheckpoint.Parse(line));

    [Fact]
    public void A_checkpoint_moved_to_another_entry_is_no_longer_authentic()
    {
        var line = AuditCheckpoint.Create(42, new string('a', 64), At, "h", _key).ToLine();

        var moved = AuditCheckpoint.Parse(line.Replace("\t42\t", "\t41\t"));

        Assert.False(moved!.IsAuthentic(new AuditKeyring([_key])));
    }

    [Fact]
    public void A_chain_that_reaches_every_checkpoint_with_the_same_seals_passes()
    {
        var check = new AuditCheckpointCheck([Checkpoint(2, "h2"), Checkpoint(4, "h4")], from: 0);

        Assert.All(Enumerable.Range(1, 5), i => Assert.Null(check.Check(i, $"h{i}")));
        Assert.Null(check.CheckEnd(5));
        Assert.Equal(2, check.Compared);
    }

    [Fact]
    public void A_chain_that_ends_before_a_checkpoint_names_the_first_missing_entry()
    {
        var check = new AuditCheckpointCheck([Checkpoint(2, "h2"), Checkpoint(5, "h5"), Checkpoint(3, "h3")], from: 0);
        foreach (var i in new[] { 1, 2, 3 })
            Assert.Null(check.Check(i, $"h{i}"));

        var truncated = check.CheckEnd(3);

        Assert.Equal(4, truncated?.Sequence);
        Assert.Contains("entries 4..5 missing", truncated?.Reason);
        Assert.Contains("deleted", truncated?.Reason);
    }

    [Fact]
    public void A_rewritten_entry_under_a_checkpoint_is_named_from_the_last_checkpoint_that_still_matches()
    {
        var check = new AuditCheckpointCheck([Checkpoint(2, "h2"), Checkpoint(3, "h3"), Checkpoint(5, "h5")], from: 0);
        Assert.Null(check.Check(1, "h1"));
        Assert.Null(check.Check(2, "h2"));
        Assert.Null(check.Check(3, "h3"));
        Assert.Null(check.Check(4, "resealed-4"));

        var rewritten = check.Check(5, "resealed-5");

        Assert.Equal(4, rewritten?.Sequence);
        Assert.Contains("entries 4..5 rewritten and re-sealed by someone holding the key", rewritten?.Reason);
    }

    [Fact]
    public void Checkpoints_below_the_purge_anchor_are_not_expected_in_the_chain()
    {
        var check = new AuditCheckpointCheck([Checkpoint(2, "h2"), Checkpoint(7, "h7")], from: 5);

        Assert.Null(check.Check(6, "h6"));
        Assert.Null(check.Check(7, "h7"));
        Assert.Null(check.CheckEnd(7));
    }

    private AuditCheckpoint Checkpoint(long sequence, string hash) => AuditCheckpoint.Create(sequence, hash, At, "host-a", _key);
}

using Microsoft.Extensions.Time.Testing;
using Op25b.Core.Audit;

namespace Op25b.Core.Tests.Audit;

public sealed class AuditChainTests
{
    // Start 0.7 µs past a whole microsecond and step by whole microseconds, so every entry has sub-microsecond ticks.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567));

    [Fact]
    public void Sealed_chain_verifies_as_intact()
    {
        var chain = SealedChain(5);

        var (brokenAt, checkpoint) = Verify(chain);

        Assert.Null(brokenAt);
        Assert.Equal((5L, chain[4].Hash), checkpoint);
    }

    [Fact]
    public void Empty_run_verifies_as_intact_and_keeps_the_checkpoint()
    {
        var (brokenAt, checkpoint) = Verify([]);

        Assert.Null(brokenAt);
        Assert.Equal((0L, AuditChain.GenesisHash), checkpoint);
    }

    [Fact]
    public void Sealing_numbers_the_entries_and_links_each_to_the_one_before()
    {
        var chain = SealedChain(5);

        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, chain.Select(e => e.Sequence));
        Assert.Equal(AuditChain.GenesisHash, chain[0].PreviousHash);
        for (var i = 1; i < chain.Count; i++)
            Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
        Assert.All(chain, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Equal(5, chain.Select(e => e.Hash).Distinct().Count());
    }

    [Theory]
    [InlineData(nameof(AuditEntry.OccurredAt))]
    [InlineData(nameof(AuditEntry.Actor))]
    [InlineData(nameof(AuditEntry.ActorRole))]
    [InlineData(nameof(AuditEntry.Action))]
    [InlineData(nameof(AuditEntry.EntityType))]
    [InlineData(nameof(AuditEntry.EntityId))]
    [InlineData(nameof(AuditEntry.Before))]
    [InlineData(nameof(AuditEntry.After))]
    [InlineData(nameof(AuditEntry.RequestId))]
    [InlineData(nameof(AuditEntry.Reason))]
    public void Altering_any_field_of_entry_3_of_5_breaks_the_chain_at_3(string field)
    {
        var chain = SealedChain(5);
        var third = chain[2];
        switch (field)
        {
            case nameof(AuditEntry.OccurredAt): third.OccurredAt = third.OccurredAt.AddTicks(-10); break;
            case nameof(AuditEntry.Actor): third.Actor = "someone-else"; break;
            case nameof(AuditEntry.ActorRole): third.ActorRole = "admin"; break;
            case nameof(AuditEntry.Action): third.Action = "exemption.reject"; break;
            case nameof(AuditEntry.EntityType): third.EntityType = "subscriber"; break;
            case nameof(AuditEntry.EntityId): third.EntityId = "999"; break;
            case nameof(AuditEntry.Before): third.Before = null; break;
            case nameof(AuditEntry.After): third.After = """{"status":"rejected"}"""; break;
            case nameof(AuditEntry.RequestId): third.RequestId = "req-forged"; break;
            case nameof(AuditEntry.Reason): third.Reason = "nothing to see here"; break;
        }

        var (brokenAt, checkpoint) = Verify(chain);

        Assert.NotNull(brokenAt);
        Assert.Equal(3, brokenAt.Sequence);
        Assert.Contains("altered", brokenAt.Reason);
        Assert.Equal((2L, chain[1].Hash), checkpoint); // entries 1 and 2 are still vouched for
    }

    [Fact]
    public void Altering_entry_3_and_recomputing_its_hash_breaks_the_chain_at_4()
    {
        var chain = SealedChain(5);
        chain[2].Reason = "nothing to see here";
        chain[2].Hash = AuditChain.ComputeHash(chain[2]);

        var (brokenAt, _) = Verify(chain);

        Assert.NotNull(brokenAt);
        Assert.Equal(4, brokenAt.Sequence);
        Assert.Contains("previous-hash", brokenAt.Reason);
    }

    [Fact]
    public void Removing_entry_3_breaks_the_chain_at_4_as_a_sequence_gap()
    {
        var chain = SealedChain(5);
        chain.RemoveAt(2);

        var (brokenAt, _) = Verify(chain);

        Assert.NotNull(brokenAt);
        Assert.Equal(4, brokenAt.Sequence);
        Assert.Contains("from 2 to 4", brokenAt.Reason);
        Assert.Contains("missing", brokenAt.Reason);
    }

    [Fact]
    public void Removing_the_first_entry_breaks_the_chain_at_once()
    {
        var chain = SealedChain(3);
        chain.RemoveAt(0);

        var (brokenAt, _) = Verify(chain);

        Assert.NotNull(brokenAt);
        Assert.Equal(2, brokenAt.Sequence);
    }

    [Fact]
    public void Swapping_entries_3_and_4_breaks_the_chain()
    {
        var chain = SealedChain(5);
        (chain[2], chain[3]) = (chain[3], chain[2]);

        var (brokenAt, _) = Verify(chain);

        Assert.NotNull(brokenAt);
        Assert.Equal(4, brokenAt.Sequence);
    }

    [Fact]
    public void Changing_the_previous_hash_of_entry_3_breaks_the_chain_at_3()
    {
        var chain = SealedChain(5);
        chain[2].PreviousHash = chain[0].Hash;

        var (brokenAt, _) = Verify(chain);

        Assert.NotNull(brokenAt);
        Assert.Equal(3, brokenAt.Sequence);
        Assert.Contains("previous-hash", brokenAt.Reason);
    }

    [Fact]
    public void Relinking_entry_3_and_resealing_it_still_breaks_the_chain_at_3()
    {
        var chain = SealedChain(5);
        chain[2].PreviousHash = AuditChain.GenesisHash;
        chain[2].Hash = AuditChain.ComputeHash(chain[2]);

        var (brokenAt, _) = Verify(chain);

        Assert.NotNull(brokenAt);
        Assert.Equal(3, brokenAt.Sequence);
    }

    [Fact]
    public void Verification_continues_from_a_known_good_checkpoint()
    {
        var chain = SealedChain(5);
        var tail = chain.Skip(3).ToList();

        var good = new AuditChainPosition(chain[2].Sequence, chain[2].Hash);
        Assert.Null(AuditChain.FindFirstBreak(tail, ref good, AuditKeyring.Empty));
        Assert.Equal(new AuditChainPosition(5L, chain[4].Hash), good);

        var wrong = new AuditChainPosition(chain[2].Sequence, chain[1].Hash);
        Assert.Equal(4L, AuditChain.FindFirstBreak(tail, ref wrong, AuditKeyring.Empty)?.Sequence);
    }

    [Fact]
    public void Entries_sealed_with_the_same_content_at_different_positions_get_different_hashes()
    {
        var a = Entry("1");
        var b = Entry("1");
        b.OccurredAt = a.OccurredAt;
        AuditChain.Seal(a, 0, AuditChain.GenesisHash);
        AuditChain.Seal(b, 1, AuditChain.GenesisHash);

        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted_without_changing_the_hash()
    {
        // With a naive "actor|role" concatenation these two would hash alike.
        var a = Entry("1");
        a.Actor = "alice|admin";
        a.ActorRole = "auditor";
        var b = Entry("1");
        b.OccurredAt = a.OccurredAt;
        b.Actor = "alice";
        b.ActorRole = "admin|auditor";
        AuditChain.Seal(a, 0, AuditChain.GenesisHash);
        AuditChain.Seal(b, 0, AuditChain.GenesisHash);

        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(9L, 0L)]
    [InlineData(10L, 10L)]
    [InlineData(1234567L, 1234560L)]
    public void Stored_precision_truncates_to_whole_microseconds(long extraTicks, long keptTicks)
    {
        var whole = new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);

        var stored = AuditChain.StoredPrecision(whole.AddTicks(extraTicks));

        Assert.Equal(whole.AddTicks(keptTicks), stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(stored, AuditChain.StoredPrecision(stored));
    }

    [Fact]
    public void Stored_precision_keeps_the_instant_of_a_local_time()
    {
        var tokyo = new DateTimeOffset(2025, 4, 1, 18, 0, 0, TimeSpan.FromHours(9)).AddTicks(15);

        var stored = AuditChain.StoredPrecision(tokyo);

        Assert.Equal(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(10), stored);
    }

    [Fact]
    public void Sealing_stores_the_time_at_microsecond_precision()
    {
        var entry = Entry("1");
        var raw = entry.OccurredAt;
        Assert.NotEqual(0, raw.UtcTicks % 10);

        AuditChain.Seal(entry, 0, AuditChain.GenesisHash);

        Assert.Equal(AuditChain.StoredPrecision(raw), entry.OccurredAt);
    }

    [Fact]
    public void Hash_survives_a_round_trip_through_a_database_that_keeps_only_microseconds()
    {
        var chain = SealedChain(5);

        // What comes back from PostgreSQL: the same instant at microsecond precision, possibly in another offset.
        var readBack = chain.Select(e => Copy(e, AuditChain.StoredPrecision(e.OccurredAt).ToOffset(TimeSpan.FromHours(9)))).ToList();

        Assert.All(readBack, e => Assert.Equal(e.Hash, AuditChain.ComputeHash(e)));
        Assert.Null(Verify(readBack).BrokenAt);
    }

    [Fact]
    public void Hash_of_an_entry_ignores_ticks_below_a_microsecond()
    {
        var entry = Entry("1");
        AuditChain.Seal(entry, 0, AuditChain.GenesisHash);

        var withStrayTicks = Copy(entry, entry.OccurredAt.AddTicks(7));

        Assert.Equal(entry.Hash, AuditChain.ComputeHash(withStrayTicks));
    }

    private List<AuditEntry> SealedChain(int count)
    {
        var chain = new List<AuditEntry>();
        var (sequence, hash) = (0L, AuditChain.GenesisHash);
        for (var i = 1; i <= count; i++)
        {
            var entry = Entry(i.ToString());
            AuditChain.Seal(entry, sequence, hash);
            (sequence, hash) = (entry.Sequence, entry.Hash);
            chain.Add(entry);
        }
        return chain;
    }

    private AuditEntry Entry(string entityId)
    {
        _time.Advance(TimeSpan.FromTicks(1_000_000));
        return new AuditEntry
        {
            OccurredAt = _time.GetUtcNow(),
            Actor = "abuse-desk-kimura",
            ActorRole = "abuse-desk",
            Action = "exemption.approve",
            EntityType = "exemption",
            EntityId = entityId,
            Before = $$"""{"id":{{entityId}},"status":"requested"}""",
            After = $$"""{"id":{{entityId}},"status":"approved","prefixes":["198.51.100.0/29","2001:db8:1200::/56"]}""",
            RequestId = $"req-{entityId}",
            Reason = "static IP customer, 第三者中継なし",
            PreviousHash = "",
            Hash = "",
        };
    }

    private static AuditEntry Copy(AuditEntry e, DateTimeOffset occurredAt) => new()
    {
        Sequence = e.Sequence,
        OccurredAt = occurredAt,
        Actor = e.Actor,
        ActorRole = e.ActorRole,
        Action = e.Action,
        EntityType = e.EntityType,
        EntityId = e.EntityId,
        Before = e.Before,
        After = e.After,
        RequestId = e.RequestId,
        Reason = e.Reason,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };

    private static (AuditBreak? BrokenAt, (long Sequence, string Hash) Checkpoint) Verify(IEnumerable<AuditEntry> ordered)
    {
        var checkpoint = AuditChainPosition.Genesis;
        var brokenAt = AuditChain.FindFirstBreak(ordered, ref checkpoint, AuditKeyring.Empty);
        return (brokenAt, (checkpoint.Sequence, checkpoint.Hash));
    }
}

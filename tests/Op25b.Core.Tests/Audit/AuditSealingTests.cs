using Op25b.Core.Audit;

namespace Op25b.Core.Tests.Audit;

/// <summary>Keyed sealing: what someone who can write the database but lacks the key can no longer do.</summary>
public sealed class AuditSealingTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly AuditKey _key = AuditKey.Generate();

    [Fact]
    public void A_keyed_chain_verifies_with_its_key_and_names_the_key_in_every_entry()
    {
        var chain = Chain(legacy: 0, keyed: 5);

        Assert.Null(Verify(chain, new AuditKeyring([_key])));
        Assert.All(chain, e => Assert.Equal((AuditSealScheme.HmacSha256, _key.Id), (e.SealScheme, e.KeyId)));
        Assert.All(chain, e => Assert.NotEqual(AuditChain.ComputeHash(e), e.Hash));
    }

    [Fact]
    public void An_entry_altered_and_resealed_with_plain_sha256_is_named()
    {
        var chain = Chain(legacy: 0, keyed: 5);
        // What someone with database access but no key can do: change entry 3, then re-hash it and every later entry.
        chain[2].Reason = "nothing to see here";
        ResealFrom(chain, 2, e => { e.SealScheme = AuditSealScheme.Sha256; e.KeyId = null; e.Hash = AuditChain.ComputeHash(e); });

        var broken = Verify(chain, new AuditKeyring([_key]));

        Assert.Equal(3, broken?.Sequence);
        Assert.Contains("without the key", broken?.Reason);
    }

    [Fact]
    public void An_entry_altered_with_its_plain_hash_in_place_of_the_mac_is_named()
    {
        var chain = Chain(legacy: 0, keyed: 5);
        chain[2].Reason = "nothing to see here";
        ResealFrom(chain, 2, e => e.Hash = AuditChain.ComputeHash(e));

        var broken = Verify(chain, new AuditKeyring([_key]));

        Assert.Equal(3, broken?.Sequence);
        Assert.Contains("MAC", broken?.Reason);
    }

    [Fact]
    public void An_entry_resealed_with_another_key_is_named()
    {
        var chain = Chain(legacy: 0, keyed: 5);
        var forger = AuditKey.Generate();
        chain[2].Reason = "nothing to see here";
        ResealFrom(chain, 2, e => AuditChain.Seal(e, e.Sequence - 1, e.PreviousHash, forger));

        var broken = Verify(chain, new AuditKeyring([_key]));

        Assert.Equal(3, broken?.Sequence);
        Assert.Contains(forger.Id, broken?.Reason);
    }

    [Fact]
    public void Entries_sealed_before_keyed_sealing_still_verify_and_the_first_keyed_entry_chains_over_them()
    {
        var chain = Chain(legacy: 3, keyed: 3);

        Assert.Null(Verify(chain, new AuditKeyring([_key])));
        Assert.Equal(AuditSealScheme.Sha256, chain[2].SealScheme);
        Assert.Equal(chain[2].Hash, chain[3].PreviousHash);
    }

    [Fact]
    public void A_legacy_entry_rehashed_by_someone_without_the_key_breaks_at_the_first_keyed_entry()
    {
        var chain = Chain(legacy: 3, keyed: 3);
        chain[1].Reason = "nothing to see here";
        ResealFrom(chain, 1, e => e.Hash = AuditChain.ComputeHash(e), through: 2);

        var broken = Verify(chain, new AuditKeyring([_key]));

        Assert.Equal(4, broken?.Sequence);
        Assert.Contains("previous-hash", broken?.Reason);
    }

    [Fact]
    public void Entries_sealed_with_an_older_key_verify_after_rotation()
    {
        var old = _key;
        var chain = Chain(legacy: 0, keyed: 3);
        var rotated = AuditKey.Generate();
        chain.AddRange(Chain(legacy: 0, keyed: 2, after: chain[^1], key: rotated));

        Assert.Null(Verify(chain, new AuditKeyring([old, rotated])));
        Assert.Equal([old.Id, old.Id, old.Id, rotated.Id, rotated.Id], chain.Select(e => e.KeyId));
        Assert.Equal(1, Verify(chain, new AuditKeyring([rotated]))?.Sequence);
    }

    [Fact]
    public void Without_the_key_a_keyed_entry_cannot_be_verified()
    {
        var broken = Verify(Chain(legacy: 0, keyed: 2), AuditKeyring.Empty);

        Assert.Equal(1, broken?.Sequence);
        Assert.Contains("not in this host's audit keyring", broken?.Reason);
    }

    [Fact]
    public void A_key_id_names_the_key_without_revealing_it_and_short_keys_are_refused()
    {
        var again = AuditKey.FromSecret(_key.Secret);

        Assert.Equal(_key.Id, again.Id);
        Assert.Matches("^[0-9a-f]{16}$", _key.Id);
        Assert.NotEqual(_key.Id, AuditKey.Generate().Id);
        Assert.Throws<ArgumentException>(() => AuditKey.FromSecret(new byte[15]));
    }

    private List<AuditEntry> Chain(int legacy, int keyed, AuditEntry? after = null, AuditKey? key = null)
    {
        var chain = new List<AuditEntry>();
        var (sequence, hash) = after is null ? (0L, AuditChain.GenesisHash) : (after.Sequence, after.Hash);
        for (var i = 0; i < legacy + keyed; i++)
        {
            var entry = Entry(sequence + 1);
            if (i < legacy)
                AuditChain.Seal(entry, sequence, hash);
            else
                AuditChain.Seal(entry, sequence, hash, key ?? _key);
            (sequence, hash) = (entry.Sequence, entry.Hash);
            chain.Add(entry);
        }
        return chain;
    }

    /// <summary>Re-seals entries from <paramref name="index"/> on, re-linking each to its predecessor as a forger must.</summary>
    private static void ResealFrom(List<AuditEntry> chain, int index, Action<AuditEntry> seal, int? through = null)
    {
        for (var i = index; i <= (through ?? chain.Count - 1); i++)
        {
            if (i > index)
                chain[i].PreviousHash = chain[i - 1].Hash;
            seal(chain[i]);
        }
    }

    private static AuditEntry Entry(long sequence) => new()
    {
        OccurredAt = Start.AddMinutes(sequence),
        Actor = "abuse-desk-kimura",
        ActorRole = "abuse-desk",
        Action = "exemption.approve",
        EntityType = "exemption",
        EntityId = sequence.ToString(),
        After = """{"status":"approved"}""",
        Reason = "static IP customer",
        PreviousHash = "",
        Hash = "",
    };

    private static AuditBreak? Verify(IEnumerable<AuditEntry> chain, AuditKeyring keyring)
    {
        var position = AuditChainPosition.Genesis;
        return AuditChain.FindFirstBreak(chain, ref position, keyring);
    }
}

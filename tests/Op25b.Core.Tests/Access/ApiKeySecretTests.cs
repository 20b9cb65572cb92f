using Op25b.Core.Access;

namespace Op25b.Core.Tests.Access;

public sealed class ApiKeySecretTests
{
    private const string ValidId = "0123456789ab";
    private const string ValidSecret = "Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTBhYmNkZWY"; // 43 chars, like a generated one

    [Fact]
    public void Generated_key_splits_back_into_its_key_id_and_a_secret_that_matches_the_stored_hash()
    {
        var (fullKey, keyId, secretHash) = ApiKeySecret.Generate();

        Assert.StartsWith("op25b_", fullKey);
        Assert.True(ApiKeySecret.TrySplit(fullKey, out var splitId, out var secret));
        Assert.Equal(keyId, splitId);
        Assert.Equal($"op25b_{keyId}_{secret}", fullKey);
        Assert.True(ApiKeySecret.Matches(secret, secretHash));
    }

    [Fact]
    public void Every_generated_key_round_trips_even_when_its_secret_contains_underscores()
    {
        var secretsWithUnderscore = 0;
        for (var i = 0; i < 500; i++)
        {
            var (fullKey, keyId, secretHash) = ApiKeySecret.Generate();

            Assert.True(ApiKeySecret.TrySplit(fullKey, out var splitId, out var secret), fullKey);
            Assert.Equal(keyId, splitId);
            Assert.True(ApiKeySecret.Matches(secret, secretHash), fullKey);
            if (secret.Contains('_')) secretsWithUnderscore++;
        }

        // About half of all secrets contain the separator character; the loop must have met some.
        Assert.True(secretsWithUnderscore > 0);
    }

    [Fact]
    public void Key_id_is_12_lowercase_hex_digits_and_the_secret_has_256_bits()
    {
        var (fullKey, keyId, secretHash) = ApiKeySecret.Generate();
        ApiKeySecret.TrySplit(fullKey, out _, out var secret);

        Assert.Matches("^[0-9a-f]{12}$", keyId);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret); // 32 bytes, base64url without padding
        Assert.Matches("^[0-9a-f]{64}$", secretHash);
        Assert.DoesNotContain(secret, secretHash);
    }

    [Fact]
    public void Wrong_secret_does_not_match()
    {
        var (fullKey, _, secretHash) = ApiKeySecret.Generate();
        ApiKeySecret.TrySplit(fullKey, out _, out var secret);
        var (otherKey, _, _) = ApiKeySecret.Generate();
        ApiKeySecret.TrySplit(otherKey, out _, out var otherSecret);
        var oneCharOff = (secret[0] == 'A' ? "B" : "A") + secret[1..];

        Assert.False(ApiKeySecret.Matches(otherSecret, secretHash));
        Assert.False(ApiKeySecret.Matches(oneCharOff, secretHash));
        Assert.False(ApiKeySecret.Matches(secret[..^1], secretHash));
        Assert.False(ApiKeySecret.Matches(secret + "x", secretHash));
        Assert.False(ApiKeySecret.Matches("", secretHash));
        Assert.False(ApiKeySecret.Matches(secretHash, secretHash)); // a leaked hash is not a credential
        Assert.False(ApiKeySecret.Matches(fullKey, secretHash));    // the hash covers the secret, not the whole key
    }

    [Fact]
    public void Matches_against_a_malformed_stored_hash_is_false_rather_than_an_error()
    {
        var (fullKey, _, secretHash) = ApiKeySecret.Generate();
        ApiKeySecret.TrySplit(fullKey, out _, out var secret);

        Assert.False(ApiKeySecret.Matches(secret, ""));
        Assert.False(ApiKeySecret.Matches(secret, secretHash[..^2]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("op25b")]
    [InlineData("op25b_")]
    [InlineData("op25b_" + ValidId)]
    [InlineData("op25b_" + ValidId + "_")]
    [InlineData("op25b__" + ValidSecret)]
    [InlineData(ValidId + "_" + ValidSecret)]
    [InlineData("sk_" + ValidId + "_" + ValidSecret)]
    [InlineData("OP25B_" + ValidId + "_" + ValidSecret)]
    [InlineData("op25b-" + ValidId + "-" + ValidSecret)]
    [InlineData("Bearer op25b_" + ValidId + "_" + ValidSecret)]
    [InlineData("op25b_0123456789a_" + ValidSecret)]         // key id one short
    [InlineData("op25b_0123456789abc_" + ValidSecret)]       // key id one long
    [InlineData("op25b_" + ValidId + "_shortsecret")]        // secret too short to be one of ours
    [InlineData("op25b_" + ValidId + "_0123456789012345678")] // 19 characters
    public void Malformed_key_is_refused(string presented)
    {
        Assert.False(ApiKeySecret.TrySplit(presented, out var keyId, out var secret));
        Assert.Equal("", keyId);
        Assert.Equal("", secret);
    }

    [Theory]
    [InlineData("op25b_" + ValidId + "_" + ValidSecret)]
    [InlineData("  op25b_" + ValidId + "_" + ValidSecret + "\n")]
    [InlineData("op25b_" + ValidId + "_01234567890123456789")] // 20 characters is the minimum
    public void Well_formed_key_splits_at_the_first_two_separators(string presented)
    {
        Assert.True(ApiKeySecret.TrySplit(presented, out var keyId, out var secret));
        Assert.Equal(ValidId, keyId);
        Assert.Equal(presented.Trim()["op25b_0123456789ab_".Length..], secret);
    }

    [Fact]
    public void Generated_keys_are_all_different()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeySecret.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Select(k => k.FullKey).Distinct().Count());
        Assert.Equal(keys.Count, keys.Select(k => k.KeyId).Distinct().Count());
        Assert.Equal(keys.Count, keys.Select(k => k.SecretHash).Distinct().Count());
    }

    [Fact]
    public void Hash_is_deterministic_so_a_stored_hash_keeps_matching()
    {
        Assert.Equal(ApiKeySecret.Hash(ValidSecret), ApiKeySecret.Hash(ValidSecret));
        Assert.True(ApiKeySecret.Matches(ValidSecret, ApiKeySecret.Hash(ValidSecret)));
        // SHA-256 of "abc", so the stored format cannot drift unnoticed.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeySecret.Hash("abc"));
    }
}

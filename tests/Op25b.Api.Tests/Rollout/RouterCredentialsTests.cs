using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Op25b.Api.Rollout;
using Op25b.Core;

namespace Op25b.Api.Tests.Rollout;

/// <summary>
/// A network admin picks a router's credential reference; it must not let them make the host
/// read without end, block, or tell which files exist.
/// </summary>
public sealed class RouterCredentialsTests : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("op25b-keys-").FullName;
    private readonly RouterCredentials _credentials;

    public RouterCredentialsTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [RouterCredentials.DirectorySetting] = _keys,
            ["RouterCredentials:vault-edge"] = "edge",
            ["RouterCredentials:vault-zero"] = "/dev/zero",
        }).Build();
        _credentials = new RouterCredentials(configuration, NullLogger<RouterCredentials>.Instance);
    }

    private string Refusal(string credentialRef)
    {
        var refused = Assert.Throws<DomainRuleViolation>(() => _credentials.ResolveKeyPath(credentialRef));
        Assert.Equal("credentialRef", refused.Field);
        return refused.Message.Replace(credentialRef, "<ref>");
    }

    [Fact]
    public void A_key_under_the_key_directory_resolves_by_file_reference_and_by_name()
    {
        RouterKeyFiles.Ed25519(Path.Combine(_keys, "edge"));
        Assert.Equal(Path.Combine(_keys, "edge"), _credentials.ResolveKeyPath("vault-edge"));
        Assert.Equal(Path.Combine(_keys, "edge"), _credentials.ResolveKeyPath($"file:{_keys}/edge"));
        Assert.Equal(Path.Combine(_keys, "edge"), _credentials.ResolveKeyPath("file:edge"));
    }

    [Fact]
    public void Dev_zero_is_refused_directly_by_name_and_through_a_link_without_being_read()
    {
        File.CreateSymbolicLink(Path.Combine(_keys, "zero"), "/dev/zero");
        var before = GC.GetTotalAllocatedBytes();
        var answers = new[] { Refusal("file:/dev/zero"), Refusal("vault-zero"), Refusal("file:zero") };
        Assert.True(GC.GetTotalAllocatedBytes() - before < 1024 * 1024, "read from /dev/zero");
        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task A_fifo_in_the_key_directory_is_refused_without_waiting_for_a_writer()
    {
        RouterKeyFiles.Run("mkfifo", Path.Combine(_keys, "pipe"));
        var refusal = await Task.Run(() => Refusal("file:pipe")).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Refusal("file:missing"), refusal);
    }

    [Fact]
    public void A_file_over_64_KiB_and_a_key_of_an_unsupported_type_are_refused()
    {
        File.WriteAllText(Path.Combine(_keys, "huge"), RouterKeyFiles.UnsupportedKey + new string('A', RouterCredentials.MaxKeyBytes));
        File.WriteAllText(Path.Combine(_keys, "dsa"), RouterKeyFiles.UnsupportedKey);
        Assert.Equal(Refusal("file:missing"), Refusal("file:huge"));
        Assert.Equal(Refusal("file:missing"), Refusal("file:dsa"));
    }

    [Fact]
    public void Existing_and_missing_files_anywhere_get_one_and_the_same_answer()
    {
        var answers = new[]
        {
            Refusal("file:/etc/passwd"), Refusal("file:/etc/no-such-file"), Refusal("file:../../../../etc/passwd"), Refusal("file:/etc"),
            Refusal("file:missing"), Refusal("vault-unknown"), Refusal("file:\0"),
        };
        Assert.Single(answers.Distinct());
        Assert.Contains("key file", answers[0]);
    }

    public void Dispose() => Directory.Delete(_keys, recursive: true);
}

using System.Diagnostics;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Xunit.Abstractions;

namespace Op25b.Core.Tests.RuleSets.Rendering;

/// <summary>
/// Checks rendered files with the real nft parser and kernel: "nft -c -f" builds the whole
/// transaction and asks the kernel to validate it without committing. It runs inside a fresh,
/// empty network namespace (unshare --net), so nothing on this host's firewall is read or touched.
/// Needs the nftables and util-linux packages and root (or unprivileged user namespaces). When
/// they are missing the tests fail under CI=true and otherwise pass with a note, since xunit 2
/// has no run-time skip.
/// </summary>
public sealed class NftablesValidationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("typical")]
    [InlineData("edge")]
    public void The_golden_nft_file_is_accepted_by_nft_check(string caseName)
    {
        if (!ToolsPresent())
            return;
        var path = GoldenFiles.PathFor(caseName, new NftablesRenderer());

        var (exitCode, stderr) = NftCheck(path);

        Assert.True(exitCode == 0, $"nft -c refused {path}:\n{stderr}");
    }

    [Fact]
    public void A_rendering_with_long_provenance_comments_is_accepted_by_nft_check()
    {
        if (!ToolsPresent())
            return;
        var content = RenderingFixtures.Typical with
        {
            Exempt =
            [
                new ExemptEntry(RenderingFixtures.Net("100.64.1.0/24"), [.. Enumerable.Range(1, 90).Select(i => (long)i * 1_000_003)]),
                new ExemptEntry(RenderingFixtures.Net("2001:db8:100:1200::/56"), [12]),
            ],
        };

        var (exitCode, stderr) = CheckText(new NftablesRenderer().Render(content));

        Assert.True(exitCode == 0, $"nft -c refused the rendering:\n{stderr}");
    }

    [Fact]
    public void Nft_check_really_refuses_a_broken_file()
    {
        if (!ToolsPresent())
            return;
        // Control: a chain named "fwd" (a reserved word) must fail, else the checks above prove nothing.
        var broken = new NftablesRenderer().Render(RenderingFixtures.Typical).Replace("chain op25b_forward", "chain fwd", StringComparison.Ordinal);

        var (exitCode, stderr) = CheckText(broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("syntax error", stderr, StringComparison.Ordinal);
    }

    private (int ExitCode, string Stderr) CheckText(string nft)
    {
        var path = Path.Combine(Path.GetTempPath(), $"op25b-{Guid.NewGuid():N}.nft");
        File.WriteAllText(path, nft);
        try
        {
            return NftCheck(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int ExitCode, string Stderr) NftCheck(string path)
    {
        var start = new ProcessStartInfo(Find("unshare")!) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (!Environment.IsPrivilegedProcess)
            foreach (var arg in new[] { "--user", "--map-root-user" })
                start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--net", Find("nft")!, "-c", "-f", path })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "nft -c did not finish within 60 s");
        }
        return (process.ExitCode, stderr.Result);
    }

    private bool ToolsPresent()
    {
        var missing = new[] { "nft", "unshare" }.Where(tool => Find(tool) is null).ToList();
        if (missing.Count == 0)
            return true;
        var message = $"nft -c validation not run: {string.Join(" and ", missing)} not found (apt-get install nftables util-linux).";
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail(message);
        output.WriteLine(message);
        return false;
    }

    /// <summary>nft lives in /usr/sbin, which a non-root PATH often lacks.</summary>
    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}

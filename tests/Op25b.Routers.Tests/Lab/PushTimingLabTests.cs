using System.Diagnostics;
using System.Net;
using Op25b.Routers.Nftables;
using Op25b.Routers.Ssh;
using Xunit.Abstractions;

using Op25b.Lab;

namespace Op25b.Routers.Tests.Lab;

/// <summary>Figures, not assertions on time: what the SSH driver costs over running nft on the router itself.</summary>
[Collection(LabCollection.Name)]
public sealed class PushTimingLabTests(LabNetwork lab, ITestOutputHelper output)
{
    [Fact]
    public async Task Pushing_100000_IPv4_and_10000_IPv6_pool_elements_through_the_driver_is_timed_against_plain_nft()
    {
        if (!lab.IsAvailable(output)) return;
        // Every other address, so auto-merge cannot fold them into a few ranges.
        var v4 = Enumerable.Range(0, 100_000).Select(i => Host(IPAddress.Parse("100.64.0.0"), 2 * i));
        var v6 = Enumerable.Range(0, 10_000).Select(i => Host(IPAddress.Parse("2001:db8:100::"), 2 * i));
        var rules = LabRuleSet.Standard with { Pools = [.. v4, .. v6] };
        var script = rules.Render();
        var file = Path.Combine(Path.GetTempPath(), $"op25b-timing-{Guid.NewGuid():N}.nft");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var driver = await Timed(() => new NftablesSshDriver().ApplyAsync(lab.Router, script, rules.Expectation, CancellationToken.None));
            Assert.True(driver.Result.Succeeded, driver.Result.Output);

            // The same steps one by one over one SSH session, then run locally in the router namespace.
            var timeout = TimeSpan.FromMinutes(2);
            var open = await Timed(() => PinnedSshSession.OpenAsync(lab.Router, timeout, CancellationToken.None));
            using var session = open.Result;
            var sshCheck = await Timed(() => session.RunAsync("nft -c -f -", script, timeout, CancellationToken.None));
            var sshApply = await Timed(() => session.RunAsync("nft -f -", script, timeout, CancellationToken.None));
            var sshList = await Timed(() => session.RunAsync("nft -j list table inet op25b", null, timeout, CancellationToken.None));
            var parse = Stopwatch.StartNew();
            var state = NftablesJsonParser.Parse(sshList.Result.StandardOutput);
            parse.Stop();
            var compare = Stopwatch.StartNew();
            Assert.Empty(rules.Expectation.Compare(state));
            compare.Stop();
            Assert.True(sshCheck.Result.Succeeded && sshApply.Result.Succeeded && sshList.Result.Succeeded);
            Assert.Equal(100_000, state.Sets["pools_v4"].Count);

            var check = await Timed(() => lab.ExecAsync(lab.RouterNs, "nft", "-c", "-f", file));
            var apply = await Timed(() => lab.ExecAsync(lab.RouterNs, "nft", "-f", file));
            var list = await Timed(() => lab.ExecAsync(lab.RouterNs, "nft", "-j", "list", "table", "inet", "op25b"));
            Assert.Equal(0, apply.Result.ExitCode);

            output.WriteLine($"script {script.Length / 1024.0 / 1024.0:0.0} MiB: 100,000 IPv4 + 10,000 IPv6 pool elements; " +
                $"JSON read-back {sshList.Result.StandardOutput.Length / 1024.0 / 1024.0:0.0} MiB");
            output.WriteLine($"driver ApplyAsync, all stages:       {Ms(driver.Elapsed)}");
            output.WriteLine($"plain nft -f <file> in the router ns: {Ms(apply.Elapsed)}");
            output.WriteLine("step                 over SSH   in the router ns");
            output.WriteLine($"connect + auth       {Ms(open.Elapsed)}");
            output.WriteLine($"nft -c -f            {Ms(sshCheck.Elapsed)}   {Ms(check.Elapsed)}");
            output.WriteLine($"nft -f               {Ms(sshApply.Elapsed)}   {Ms(apply.Elapsed)}");
            output.WriteLine($"nft -j list          {Ms(sshList.Elapsed)}   {Ms(list.Elapsed)}");
            output.WriteLine($"parse + compare      {Ms(parse.Elapsed + compare.Elapsed)}");
            output.WriteLine($"lab up took {Ms(lab.UpTime)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IPNetwork Host(IPAddress start, int offset)
    {
        var bytes = start.GetAddressBytes();
        for (int i = bytes.Length - 1, carry = offset; carry > 0 && i >= 0; i--)
        {
            var sum = bytes[i] + (carry & 0xFF);
            bytes[i] = (byte)sum;
            carry = (carry >> 8) + (sum >> 8);
        }
        return new IPNetwork(new IPAddress(bytes), bytes.Length * 8);
    }

    private static async Task<(T Result, TimeSpan Elapsed)> Timed<T>(Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var result = await action();
        return (result, clock.Elapsed);
    }

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds,6:0} ms";
}

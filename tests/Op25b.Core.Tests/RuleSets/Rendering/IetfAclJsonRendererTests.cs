using System.Text.Json;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class IetfAclJsonRendererTests
{
    private readonly IetfAclJsonRenderer _renderer = new();

    [Fact]
    public void Every_prefix_gets_exactly_one_ACE_of_its_own()
    {
        var content = RenderingFixtures.Typical;
        var prefixes = content.Relays.Concat(content.Exempt.Select(e => e.Prefix)).Concat(content.Pools).Select(p => p.ToString()).ToList();

        var matched = Aces(_renderer.Render(content))
            .Where(a => a.TryGetProperty("matches", out _))
            .Select(a => NetworkOf(a.GetProperty("matches")))
            .ToList();

        Assert.Equal(prefixes.Order(), matched.Order());
    }

    [Fact]
    public void Each_ACL_ends_with_a_permit_all_ACE_without_matches()
    {
        using var doc = JsonDocument.Parse(_renderer.Render(RenderingFixtures.Typical));

        foreach (var acl in Acls(doc))
        {
            var last = acl.GetProperty("aces").GetProperty("ace").EnumerateArray().Last();
            Assert.Equal("permit-all", last.GetProperty("name").GetString());
            Assert.False(last.TryGetProperty("matches", out _));
            Assert.Equal("ietf-access-control-list:accept", last.GetProperty("actions").GetProperty("forwarding").GetString());
        }
    }

    [Fact]
    public void ACLs_are_one_per_family_with_the_RFC_8519_types()
    {
        using var doc = JsonDocument.Parse(_renderer.Render(RenderingFixtures.Typical));

        var acls = Acls(doc).Select(a => (a.GetProperty("name").GetString(), a.GetProperty("type").GetString())).ToList();

        Assert.Equal(
            [("OP25B-V4", "ietf-access-control-list:ipv4-acl-type"), ("OP25B-V6", "ietf-access-control-list:ipv6-acl-type")],
            acls);
    }

    [Fact]
    public void Pool_ACEs_drop_and_log_to_syslog_when_logging_is_on()
    {
        var pool = Aces(_renderer.Render(RenderingFixtures.Typical)).First(a => a.GetProperty("name").GetString() == "pool-1");
        var actions = pool.GetProperty("actions");

        Assert.Equal("ietf-access-control-list:drop", actions.GetProperty("forwarding").GetString());
        Assert.Equal("ietf-access-control-list:log-syslog", actions.GetProperty("logging").GetString());
    }

    [Fact]
    public void Pool_ACEs_reject_without_logging_when_the_policy_says_so()
    {
        var pool = Aces(_renderer.Render(RenderingFixtures.Edge)).First(a => a.GetProperty("name").GetString() == "pool-1");
        var actions = pool.GetProperty("actions");

        Assert.Equal("ietf-access-control-list:reject", actions.GetProperty("forwarding").GetString());
        Assert.False(actions.TryGetProperty("logging", out _));
    }

    [Fact]
    public void ACE_names_are_unique_within_each_ACL()
    {
        using var doc = JsonDocument.Parse(_renderer.Render(RenderingFixtures.Typical));

        foreach (var acl in Acls(doc))
        {
            var names = acl.GetProperty("aces").GetProperty("ace").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
        }
    }

    private static List<JsonElement> Acls(JsonDocument doc) =>
        [.. doc.RootElement.GetProperty("ietf-access-control-list:acls").GetProperty("acl").EnumerateArray()];

    private static List<JsonElement> Aces(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. Acls(doc).SelectMany(acl => acl.GetProperty("aces").GetProperty("ace").EnumerateArray()).Select(a => a.Clone())];
    }

    private static string NetworkOf(JsonElement matches)
    {
        var l3 = matches.TryGetProperty("ipv4", out var v4) ? v4 : matches.GetProperty("ipv6");
        Assert.Equal(6, l3.GetProperty("protocol").GetInt32());
        Assert.Equal(25, matches.GetProperty("tcp").GetProperty("destination-port").GetProperty("port").GetInt32());
        var network = l3.EnumerateObject().Single(p => p.Name.EndsWith("-network", StringComparison.Ordinal));
        return network.Value.GetString()!;
    }
}

// compose.yaml runs several replicas of the host behind nginx. These tests read the nginx
// configuration that compose.yaml actually mounts and check what reaches the replicas.
using System.Net;
using System.Text.Json.Nodes;
using Op25b.Api.Ingest;

namespace Op25b.Api.Tests.Deployment;

public sealed partial class ComposeFileTests
{
    private const string ProxyConfigTarget = "/etc/nginx/nginx.conf";

    [Fact]
    public void Two_app_replicas_run_jobs_behind_the_proxy()
    {
        var (app, proxy) = AppAndProxy();

        Assert.True(app["deploy"]?["replicas"]?.GetValue<long>() >= 2, "compose.yaml must run at least two app replicas");
        Assert.Equal("true", Environment(app)["Jobs__RunServer"], ignoreCase: true);
        // Only the proxy is reachable from outside: a published app port would bypass it (and clash between replicas).
        Assert.Null(app["ports"]);
        // Exports written by one replica's job are downloaded through another.
        Assert.Contains(app["volumes"]!.AsArray(), v => v!.GetValue<string>() == "app-data:/app/data");

        Assert.StartsWith("nginx:", proxy["image"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("service_healthy", proxy["depends_on"]?["app"]?["condition"]?.GetValue<string>());
        var http = ProxyConfig(proxy).Single("http");
        var upstream = Upstream(http, SiteLocation(http).Single("proxy_pass").Arguments[0].Replace("http://", "", StringComparison.Ordinal));
        var server = Assert.Single(upstream.All("server"));
        Assert.Equal("app:8080", server.Arguments[0]);
        // "resolve" re-reads the service's DNS entry, which lists every replica, also those added by --scale.
        Assert.Contains("resolve", server.Arguments);
    }

    [Fact]
    public void Proxy_publishes_the_syslog_and_ulogd_ports_and_streams_them_to_the_replicas()
    {
        var (_, proxy) = AppAndProxy();
        var ingest = new IngestOptions();
        var listeners = new[] { (ingest.SyslogTcpPort, "tcp"), (ingest.SyslogUdpPort, "udp"), (ingest.UlogdTcpPort, "tcp") };
        var published = PublishedPorts(proxy);
        var stream = ProxyConfig(proxy).Single("stream");

        Assert.Contains((8080, 8080, "tcp"), published);
        foreach (var (port, protocol) in listeners)
        {
            Assert.NotNull(port);
            Assert.Contains((port.Value, port.Value, protocol), published);

            var server = Assert.Single(stream.All("server"), s => s.All("listen").Any(l =>
                l.Arguments[0] == $"{port}" && l.Arguments.Contains("udp") == (protocol == "udp")));
            var upstream = Upstream(stream, server.Single("proxy_pass").Arguments[0]);
            Assert.Contains(upstream.All("server"), s => s.Arguments[0] == $"app:{port}" && s.Arguments.Contains("resolve"));
            if (protocol == "udp")
            {
                // Syslog over UDP is never answered (RFC 5426): without this nginx holds a session per datagram waiting for a reply.
                Assert.Equal(new[] { "0" }, server.Single("proxy_responses").Arguments);
            }
        }
    }

    [Fact]
    public void Proxy_forwards_the_client_address_and_the_app_trusts_only_the_proxy()
    {
        var (app, proxy) = AppAndProxy();
        var location = SiteLocation(ProxyConfig(proxy).Single("http"));
        var headers = location.All("proxy_set_header").ToDictionary(h => h.Arguments[0], h => h.Arguments[1], StringComparer.OrdinalIgnoreCase);

        // The proxy is the first hop: it states the peer's address rather than appending to a header the client may have forged.
        Assert.Equal("$remote_addr", headers["X-Forwarded-For"]);
        Assert.Equal("$scheme", headers["X-Forwarded-Proto"]);
        Assert.Equal("$http_host", headers["Host"]);

        var proxyAddress = IPAddress.Parse(proxy["networks"]!["default"]!["ipv4_address"]!.GetValue<string>());
        Assert.Equal(proxyAddress.ToString(), Environment(app)["ForwardedHeaders__KnownProxies__0"]);
        var subnet = Load()["networks"]!["default"]!["ipam"]!["config"]!.AsArray().Single()!["subnet"]!.GetValue<string>();
        Assert.True(IPNetwork.Parse(subnet).Contains(proxyAddress), $"{proxyAddress} is outside the compose network {subnet}");
    }

    [Theory]
    [InlineData("http { server { listen 80; }")]
    [InlineData("http { listen 80 }")]
    [InlineData("}")]
    [InlineData("add_header X \"unterminated;")]
    public void Nginx_config_reader_refuses_broken_syntax(string text)
    {
        Assert.Throws<FormatException>(() => NginxConfig.Parse(text));
    }

    [Fact]
    public void Nginx_config_reader_keeps_quoted_arguments_and_skips_comments()
    {
        var root = NginxConfig.Parse("http { # a comment { ;\n  proxy_set_header Connection \"\"; add_header X 'a b'; }");

        var http = root.Single("http");
        Assert.Equal(new[] { "Connection", "" }, http.Single("proxy_set_header").Arguments);
        Assert.Equal(new[] { "X", "a b" }, http.Single("add_header").Arguments);
    }

    private static JsonObject Load() => ComposeYaml.ToJson(File.ReadAllText(RepositoryFile("compose.yaml")))!.AsObject();

    private static (JsonObject App, JsonObject Proxy) AppAndProxy()
    {
        var services = Load()["services"]!.AsObject();
        return (services["app"]!.AsObject(), services["proxy"]!.AsObject());
    }

    /// <summary>The file compose.yaml mounts as nginx's configuration.</summary>
    private static NginxDirective ProxyConfig(JsonObject proxy)
    {
        var mount = Assert.Single(proxy["volumes"]!.AsArray(), v => v?["target"]?.GetValue<string>() == ProxyConfigTarget)!;
        Assert.True(mount["read_only"]?.GetValue<bool>(), "the proxy's configuration is mounted read-only");
        var source = mount["source"]!.GetValue<string>();
        Assert.StartsWith("./", source, StringComparison.Ordinal);
        return NginxConfig.Parse(File.ReadAllText(RepositoryFile(source[2..])));
    }

    private static NginxDirective SiteLocation(NginxDirective http) =>
        Assert.Single(http.Single("server").All("location"), l => l.Arguments is ["/"]);

    private static NginxDirective Upstream(NginxDirective context, string name) =>
        Assert.Single(context.All("upstream"), u => u.Arguments is [var n] && n == name);

    /// <summary>Short-syntax port mappings "[host:]published:target[/protocol]" as (published, target, protocol).</summary>
    private static List<(int Published, int Target, string Protocol)> PublishedPorts(JsonObject service) =>
        service["ports"]!.AsArray().Select(p =>
        {
            var text = p!.GetValue<string>();
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var protocol = slash < 0 ? "tcp" : text[(slash + 1)..];
            var parts = (slash < 0 ? text : text[..slash]).Split(':');
            return (int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture), protocol);
        }).ToList();
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Lab;
using Op25b.Routers.Smtp;

namespace Op25b.Api.Tests.Features.ImpactCheck;

/// <summary>The impact check and the submission probe through the API; run on both providers (the product lookup reads the database).</summary>
public abstract class ImpactCheckApiTests(AdminApiFactory api)
{
    private static Task<HttpResponseMessage> CheckAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/impact-check", body);

    [Fact]
    public async Task A_dynamic_line_sending_to_another_provider_on_25_is_affected_with_remedies_in_english_and_japanese()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var body = await (await CheckAsync(crm, new { productCode = "dynamic-residential", smtpServer = "other-provider", smtpPort = 25 }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("affected", true), (body["verdict"]!.GetValue<string>(), body["lineInScope"]!.GetValue<bool>()));
        Assert.Equal("port25-to-other-provider", body["reason"]!["code"]!.GetValue<string>());
        Assert.Equal(["switch-to587-smtp-auth", "use465-implicit-tls", "relay-via-isp", "use-webmail"],
            body["remedies"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()));
        Assert.Contains("587", body["remedies"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("587番", body["remedies"]![0]!["texts"]!["ja"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_static_business_line_is_not_affected_and_roaming_on_587_is_not_either()
    {
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        var business = await (await CheckAsync(desk, new { productCode = "static-business", smtpServer = "own-mta" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("not-affected", "line-not-in-scope"), (business["verdict"]!.GetValue<string>(), business["reason"]!["code"]!.GetValue<string>()));
        Assert.Empty(business["remedies"]!.AsArray());
        var roaming = await (await CheckAsync(desk, new { lineInScope = false, roaming = true, smtpServer = "isp-server", smtpPort = 587 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("roaming-on-submission-port", roaming["reason"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_or_missing_answers_are_problems_naming_the_field()
    {
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        await (await CheckAsync(desk, new { productCode = "no-such-product", smtpServer = "isp-server" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "productCode");
        await (await CheckAsync(desk, new { smtpServer = "isp-server" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "lineInScope");
        await (await CheckAsync(desk, new { lineInScope = true, smtpServer = "gmail" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "smtpServer");
        await (await CheckAsync(desk, new { lineInScope = true, smtpServer = "other-provider" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "smtpPort");
        await (await CheckAsync(desk, new { lineInScope = true })).ExpectProblemAsync(HttpStatusCode.BadRequest, "smtpServer");
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        await (await CheckAsync(auditor, new { lineInScope = true, webmailOnly = true })).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_probe_refuses_internal_targets_and_bad_hosts_under_the_production_setting()
    {
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        var loopback = await (await desk.PostAsJsonAsync("/api/v1/impact-check/probe", new { host = "127.0.0.1" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "host");
        Assert.Contains("loopback", loopback["detail"]!.GetValue<string>());
        await (await desk.PostAsJsonAsync("/api/v1/impact-check/probe", new { host = "10.1.2.3" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "host");
        await (await desk.PostAsJsonAsync("/api/v1/impact-check/probe", new { host = "smtp.example.jp:25" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "host");
    }

    [Fact]
    public async Task The_probe_reports_each_port_of_a_real_loopback_server_when_tests_allow_internal_targets()
    {
        using var certificate = LoopbackSmtpServer.SelfSignedCertificate();
        await using var submission = LoopbackSmtpServer.Submission(certificate);
        await using var silent = LoopbackSmtpServer.Silent();
        using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Configure<SmtpProbeOptions>(o =>
        {
            o.SubmissionPort = submission.Port;
            o.ImplicitTlsPort = silent.Port;
            o.TimeoutSeconds = 4; // a TLS handshake on a loaded CI machine can take a second; the silent port costs this once
            o.AllowInternalTargets = true;
        })));
        var desk = host.CreateClient();
        desk.DefaultRequestHeaders.Add("X-Api-Key", await api.IssueKeyAsync("desk", Roles.AbuseDesk));

        var report = await (await desk.PostAsJsonAsync("/api/v1/impact-check/probe", new { host = "127.0.0.1" })).ExpectAsync(HttpStatusCode.OK);
        var ports = report["ports"]!.AsArray();
        Assert.Equal((submission.Port, "ok", true, true), (ports[0]!["port"]!.GetValue<int>(), ports[0]!["outcome"]!.GetValue<string>(),
            ports[0]!["startTlsOffered"]!.GetValue<bool>(), ports[0]!["authOffered"]!.GetValue<bool>()));
        Assert.Equal(["PLAIN", "LOGIN"], ports[0]!["authMechanisms"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(("implicit-tls", "timed-out"), (ports[1]!["mode"]!.GetValue<string>(), ports[1]!["outcome"]!.GetValue<string>()));
    }
}

public sealed class ImpactCheckApiTests_on_Sqlite(SqliteApiFactory api) : ImpactCheckApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ImpactCheckApiTests_on_Postgres(PostgresApiFactory api) : ImpactCheckApiTests(api), IClassFixture<PostgresApiFactory>;

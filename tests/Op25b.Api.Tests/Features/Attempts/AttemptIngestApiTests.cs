using System.Net;
using System.Net.Http.Json;
using System.Text;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Attempts;

/// <summary>Batch ingest through the API, attribution, and what the abuse desk reads back. Run on both providers.</summary>
public abstract class AttemptIngestApiTests(AdminApiFactory api)
{
    // Static assignments start "now" on the test clock, and attempts may not lie in the future.
    private DateTimeOffset T0 => api.Clock.GetUtcNow();

    private async Task<(HttpClient Net, HttpClient Desk, string Router, string Subscriber, string Source)> SetUpAsync()
    {
        var net = await api.ClientWithRolesAsync("collector", Roles.NetworkAdmin);
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var router = $"bng-{Guid.NewGuid().ToString("N")[..6]}";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{router}", new
        {
            platform = "junos", routerGroup = "ingest", managementHost = "2001:db8:ff00::1", sshUser = "op25b", credentialRef = "vault-bng",
            hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        })).ExpectAsync(HttpStatusCode.Created);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var bytes = System.Net.IPNetwork.Parse(prefix).BaseAddress.GetAddressBytes();
        bytes[3] += 2;
        return (net, desk, router, subscriber, new IPAddress(bytes).ToString());
    }

    private static string Line(string router, string source, DateTimeOffset at, string destination = "203.0.113.9", int port = 25) =>
        $$"""{"occurredAt":"{{at:O}}","router":"{{router}}","sourceIp":"{{source}}","sourcePort":51544,"destinationIp":"{{destination}}","destinationPort":{{port}}}""";

    [Fact]
    public async Task An_ndjson_batch_stores_the_good_lines_reports_and_quarantines_the_bad_one_and_a_resend_is_all_duplicates()
    {
        var (net, desk, router, subscriber, source) = await SetUpAsync();
        var start = T0;
        var body = string.Join('\n',
            Line(router, source, T0), Line(router, source, T0.AddSeconds(1), "198.51.100.77"),
            Line(router, source, T0.AddSeconds(2), port: 70000),
            Line("bng-unknown", source, T0.AddSeconds(3)),
            "{\"occurredAt\": \"not a time\"",
            Line(router, source, T0.AddSeconds(4)));
        var first = await (await net.PostAsync("/api/v1/attempts/batch", new StringContent(body, Encoding.UTF8, "application/x-ndjson")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, first["accepted"]!.GetValue<int>());
        Assert.Equal(3, first["rejected"]!.GetValue<int>());
        Assert.Equal(3, first["attributed"]!.GetValue<int>());
        var rejected = first["rejectedLines"]!.AsArray();
        Assert.Equal([3, 4, 5], rejected.Select(r => r!["line"]!.GetValue<int>()));
        Assert.Contains("destinationPort", rejected[0]!["reason"]!.GetValue<string>());
        Assert.Contains("router", rejected[1]!["reason"]!.GetValue<string>());

        var again = await (await net.PostAsync("/api/v1/attempts/batch", new StringContent(body, Encoding.UTF8, "application/x-ndjson")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(3, again["duplicates"]!.GetValue<int>());

        var quarantine = await (await net.GetAsync("/api/v1/ingest/quarantine?channel=rest&pageSize=200")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(quarantine["items"]!.AsArray(), q => q!["raw"]!.GetValue<string>().Contains("70000"));

        var summary = await (await desk.GetAsync($"/api/v1/subscribers/{subscriber}/attempt-summary?from={Uri.EscapeDataString(T0.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(T0.AddHours(1).ToString("O"))}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, summary["attempts"]!.GetValue<long>());
        Assert.Equal(2, summary["distinctDestinations"]!.GetValue<int>());
        Assert.Equal(start, summary["firstSeen"]!.GetValue<DateTimeOffset>());

        var listed = await (await desk.GetAsync($"/api/v1/attempts?subscriber={subscriber}&pageSize=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, listed["items"]!.AsArray().Count);
        Assert.NotNull(listed["nextCursor"]);
        Assert.Equal(subscriber, listed["items"]![0]!["subscriberExternalId"]!.GetValue<string>());
        var top = await (await desk.GetAsync($"/api/v1/attempts/top-subscribers?from={Uri.EscapeDataString(T0.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(T0.AddHours(1).ToString("O"))}"))
            .ExpectAsync(HttpStatusCode.OK);
        var mine = top.AsArray().Single(o => o!["subscriberExternalId"]!.GetValue<string>() == subscriber)!;
        Assert.Equal(3, mine["attempts"]!.GetValue<long>());
        Assert.Equal(2, mine["distinctDestinations"]!.GetValue<int>());
        Assert.Equal(start, mine["firstSeen"]!.GetValue<DateTimeOffset>());
        var bySource = await (await desk.GetAsync($"/api/v1/attempts?sourcePrefix={source}/32&destination=198.51.100.77")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(bySource["items"]!.AsArray());
    }

    /// <summary>A body stream that fails after its content, as a client that disconnects half-way does.</summary>
    private sealed class BrokenOffStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("client went away");
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await base.ReadAsync(buffer, ct);
            return read > 0 ? read : throw new IOException("client went away");
        }
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_keeps_what_was_stored_and_a_resend_counts_nothing_twice()
    {
        var (net, desk, router, subscriber, source) = await SetUpAsync();
        var start = T0.AddSeconds(10);
        var lines = Enumerable.Range(0, 2_500).Select(i => Line(router, source, start.AddTicks(i * 1_000L))).ToList();
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var broken = new StreamContent(new BrokenOffStream(body));
        broken.Headers.ContentType = new("application/x-ndjson");
        await Assert.ThrowsAnyAsync<Exception>(async () => (await net.PostAsync("/api/v1/attempts/batch", broken)).EnsureSuccessStatusCode());

        // Nothing is acknowledged before the response, so a break may leave a stored chunk or none
        // (the abort cancels the chunk in flight, whose transaction then rolls back) — never part of one.
        long stored = 0;
        await api.WithDbAsync(async db =>
        {
            var id = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Subscribers.Where(s => s.ExternalId == subscriber).Select(s => s.Id));
            stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.BlockedAttempts.Where(a => a.SubscriberId == id));
        });
        Assert.True(stored is 0 or 2_000, $"{stored} attempts stored: a chunk was stored in part");

        var resend = await (await net.PostAsync("/api/v1/attempts/batch", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(stored, resend["duplicates"]!.GetValue<int>());
        Assert.Equal(2_500 - stored, resend["accepted"]!.GetValue<int>());
        var summary = await (await desk.GetAsync($"/api/v1/subscribers/{subscriber}/attempt-summary?from={Uri.EscapeDataString(T0.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(T0.AddHours(1).ToString("O"))}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2_500, summary["attempts"]!.GetValue<long>());
    }

    [Fact]
    public async Task Csv_and_json_array_batches_are_accepted_and_an_unknown_format_is_refused()
    {
        var (net, _, router, _, source) = await SetUpAsync();
        var csv = $"occurredAt,router,sourceIp,destinationIp,destinationPort,packets\n{T0.AddSeconds(5):O},{router},{source},203.0.113.10,25,3\n";
        var fromCsv = await (await net.PostAsync("/api/v1/attempts/batch", new StringContent(csv, Encoding.UTF8, "text/csv"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, fromCsv["accepted"]!.GetValue<int>());
        var array = $"[{Line(router, source, T0.AddSeconds(6))},{Line(router, source, T0.AddSeconds(7))}]";
        var fromArray = await (await net.PostAsync("/api/v1/attempts/batch", new StringContent(array, Encoding.UTF8, "application/json"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, fromArray["accepted"]!.GetValue<int>());
        await (await net.PostAsync("/api/v1/attempts/batch", new StringContent("x", Encoding.UTF8, "text/plain")))
            .ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}

public sealed class AttemptIngestApiTests_on_Sqlite(SqliteApiFactory api) : AttemptIngestApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AttemptIngestApiTests_on_Postgres(PostgresApiFactory api) : AttemptIngestApiTests(api), IClassFixture<PostgresApiFactory>;

using System.Net;
using System.Net.Http.Json;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Subscribers;

/// <summary>The provisioning system's view of subscribers; run on both database providers.</summary>
public abstract class SubscriberApiTests(AdminApiFactory api)
{
    private Task<HttpClient> Crm() => api.ClientWithRolesAsync("crm", Roles.Provisioning);

    [Fact]
    public async Task Upsert_creates_then_updates_and_a_repeated_call_changes_nothing()
    {
        var crm = await Crm();
        var id = Provisioning.NewExternalId();
        var created = await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{id}",
            new { displayName = "山田商店（本店）", productCode = "static-business" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("山田商店（本店）", created["displayName"]!.GetValue<string>());

        var repeat = await crm.PutAsJsonAsync($"/api/v1/subscribers/{id}", new { displayName = "山田商店（本店）", productCode = "static-business" });
        Assert.Equal(1, (await repeat.ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<int>());
        Assert.Equal("\"1\"", repeat.Headers.ETag?.Tag);

        var updated = await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{id}",
            new { displayName = "山田商店", productCode = "static-business", status = "suspended" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, updated["version"]!.GetValue<int>());
        Assert.Equal("suspended", updated["status"]!.GetValue<string>());

        var fetched = await (await crm.GetAsync($"/api/v1/subscribers/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("山田商店", fetched["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_write_with_a_stale_If_Match_is_refused_with_412_and_changes_nothing()
    {
        var crm = await Crm();
        var id = await Provisioning.SubscriberAsync(crm);
        await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{id}", new { displayName = "v2", productCode = "static-business" }))
            .ExpectAsync(HttpStatusCode.OK);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subscribers/{id}")
        {
            Content = JsonContent.Create(new { displayName = "lost update", productCode = "static-business" }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await (await crm.SendAsync(stale)).ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "If-Match");

        var fetched = await (await crm.GetAsync($"/api/v1/subscribers/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("v2", fetched["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_product_is_rejected_naming_productCode()
    {
        var crm = await Crm();
        await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{Provisioning.NewExternalId()}",
            new { displayName = "x", productCode = "no-such-product" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "productCode");
    }

    [Fact]
    public async Task Listing_pages_with_a_cursor_and_filters_by_contained_address()
    {
        var crm = await Crm();
        var prefix = Provisioning.UniqueV4Prefix();
        var holder = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        for (var i = 0; i < 4; i++)
            await Provisioning.SubscriberAsync(crm);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await crm.GetAsync($"/api/v1/subscribers?pageSize=2{(cursor is null ? "" : $"&cursor={cursor}")}"))
                .ExpectAsync(HttpStatusCode.OK);
            Assert.True(page["items"]!.AsArray().Count <= 2);
            seen.AddRange(page["items"]!.AsArray().Select(s => s!["externalId"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains(holder, seen);

        var bytes = System.Net.IPNetwork.Parse(prefix).BaseAddress.GetAddressBytes();
        bytes[3] += 3;
        var address = new IPAddress(bytes);
        var byIp = await (await crm.GetAsync($"/api/v1/subscribers?containsIp={address}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([holder], byIp["items"]!.AsArray().Select(s => s!["externalId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_page_size_over_the_maximum_is_rejected_naming_pageSize()
    {
        var crm = await Crm();
        await (await crm.GetAsync("/api/v1/subscribers?pageSize=5000")).ExpectProblemAsync(HttpStatusCode.BadRequest, "pageSize");
    }

    [Fact]
    public async Task An_assignment_with_host_bits_set_is_rejected_and_names_the_prefix_meant()
    {
        var crm = await Crm();
        var id = await Provisioning.SubscriberAsync(crm);
        var problem = await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{id}/assignments", new { prefix = "198.51.100.1/24" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        Assert.Contains("198.51.100.0/24", problem.ToJsonString());
    }

    [Fact]
    public async Task An_invalid_address_is_rejected_naming_the_field()
    {
        var crm = await Crm();
        var id = await Provisioning.SubscriberAsync(crm);
        await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{id}/assignments", new { prefix = "300.1.2.0/24" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
    }

    [Fact]
    public async Task An_address_held_by_another_subscriber_cannot_be_assigned_again()
    {
        var crm = await Crm();
        var prefix = Provisioning.UniqueV4Prefix();
        var first = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var second = await Provisioning.SubscriberAsync(crm);
        var problem = await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{second}/assignments", new { prefix }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "prefix");
        Assert.Contains(first, problem.ToJsonString());
    }

    [Fact]
    public async Task Adding_the_same_assignment_again_returns_the_existing_one()
    {
        var crm = await Crm();
        var id = await Provisioning.SubscriberAsync(crm);
        var body = new { prefix = Provisioning.UniqueV6Prefix(), validFrom = AdminApiFactory.Start };
        var first = await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{id}/assignments", body)).ExpectAsync(HttpStatusCode.Created);
        var again = await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{id}/assignments", body)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(first["id"]!.GetValue<long>(), again["id"]!.GetValue<long>());
        var list = await (await crm.GetAsync($"/api/v1/subscribers/{id}/assignments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(list.AsArray());
    }

    [Fact]
    public async Task Ending_an_assignment_keeps_it_in_the_history()
    {
        var crm = await Crm();
        var prefix = Provisioning.UniqueV4Prefix();
        var id = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var assignment = (await (await crm.GetAsync($"/api/v1/subscribers/{id}/assignments")).ExpectAsync(HttpStatusCode.OK)).AsArray()[0]!;
        api.Clock.Advance(TimeSpan.FromHours(1));
        var ended = await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{id}/assignments/{assignment["id"]}/end", new { }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(ended["validUntil"]);
        var history = await (await crm.GetAsync($"/api/v1/subscribers/{id}/assignments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(prefix, history.AsArray()[0]!["prefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_subscriber_is_a_404_problem()
    {
        var crm = await Crm();
        await (await crm.GetAsync("/api/v1/subscribers/CRM-does-not-exist")).ExpectProblemAsync(HttpStatusCode.NotFound, "externalId");
    }
}

public sealed class SubscriberApiTests_on_Sqlite(SqliteApiFactory api) : SubscriberApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class SubscriberApiTests_on_Postgres(PostgresApiFactory api) : SubscriberApiTests(api), IClassFixture<PostgresApiFactory>;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Http;

/// <summary>
/// The bodies that used to crash a handler (500) or were silently defaulted (issue 11): nulls
/// where a list or string is required, NUL and other control characters, dates in year 1, an
/// empty policy. Each is now a 400 naming the field. Both providers: NUL broke PostgreSQL only.
/// </summary>
public abstract class RequestShapeTests(AdminApiFactory api)
{
    [Theory]
    [InlineData("POST", "/api/v1/exemptions", """{"subscriberExternalId":"CRM-x","prefixes":null,"justification":"own MTA"}""", "prefixes")]
    [InlineData("PUT", "/api/v1/routers/r-null", """{"platform":"nftables","routerGroup":"tokyo","managementHost":"fe80::2%eth1","sshUser":"op25b","credentialRef":null,"hostKeySha256":"SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"}""", "credentialRef")]
    [InlineData("POST", "/api/v1/accounting-events", """{"events":null}""", "events")]
    [InlineData("POST", "/api/v1/accounting-events", """{"events":[null]}""", "events[0]")]
    [InlineData("POST", "/api/v1/api-keys", """{"name":"k","roles":[null]}""", "roles[0]")]
    [InlineData("PUT", "/api/v1/subscribers/CRM-null", """{"displayName":null,"productCode":"static-business"}""", "displayName")]
    public async Task Null_where_a_list_or_string_is_required_is_a_400_naming_the_field(string method, string path, string body, string field)
    {
        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        await (await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\u001b[2J")]
    [InlineData("\n")]
    public async Task Control_characters_in_a_single_line_field_are_a_400_naming_it(string control)
    {
        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        var id = Provisioning.NewExternalId();
        await (await admin.PutAsJsonAsync($"/api/v1/subscribers/{id}", new { displayName = $"山田{control}商店", productCode = "static-business" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "displayName");
        await (await admin.PostAsJsonAsync("/api/v1/abuse-cases", new { subscriberExternalId = $"CRM{control}", reason = "complaint" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "subscriberExternalId");
        await (await admin.GetAsync($"/api/v1/subscribers/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_multi_line_justification_keeps_its_line_breaks_but_not_a_nul()
    {
        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(admin, "static-business", prefix);
        await (await admin.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "own MTA\u0000" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "justification");
        await (await admin.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "own MTA\r\nPTR set\tAUP accepted" }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("to=0001-01-01T00:00:00Z", "to")]
    [InlineData("from=9999-12-31T23:59:59Z", "from")]
    [InlineData("from=1999-12-31T23:59:59Z", "from")]
    public async Task Attempt_summary_dates_outside_2000_to_2100_are_a_400(string query, string field)
    {
        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        var subscriber = await Provisioning.SubscriberAsync(admin);
        await (await admin.GetAsync($"/api/v1/subscribers/{subscriber}/attempt-summary?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_empty_policy_is_refused_naming_every_field_instead_of_resetting_the_policy()
    {
        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        var before = await (await admin.GetAsync("/api/v1/policy")).ExpectAsync(HttpStatusCode.OK);
        var problem = await (await admin.PutAsync("/api/v1/policy", Json("{}"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "action");
        var named = problem["errors"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(new HashSet<string>(["action", "logging", "nflogGroup", "logPrefix", "logRatePerSecond", "maxRemovedShare"], StringComparer.OrdinalIgnoreCase), named);
        var after = await (await admin.GetAsync("/api/v1/policy")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

public sealed class RequestShapeTests_on_Sqlite(SqliteApiFactory api) : RequestShapeTests(api), IClassFixture<SqliteApiFactory>;

public sealed class RequestShapeTests_on_Postgres(PostgresApiFactory api) : RequestShapeTests(api), IClassFixture<PostgresApiFactory>;

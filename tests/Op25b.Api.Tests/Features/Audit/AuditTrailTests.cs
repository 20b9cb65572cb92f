using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Cli;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Audit;

/// <summary>The hash-chained audit trail, verified through the API and the CLI; run on both providers.</summary>
public abstract class AuditTrailTests(AdminApiFactory api)
{
    [Fact]
    public async Task Every_change_is_recorded_with_actor_request_id_and_before_after()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var id = Provisioning.NewExternalId();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subscribers/{id}")
        {
            Content = JsonContent.Create(new { displayName = "鈴木", productCode = "static-residential" }),
        };
        request.Headers.Add("X-Request-Id", "crm-req-42");
        var response = await crm.SendAsync(request);
        await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("crm-req-42", response.Headers.GetValues("X-Request-Id").Single());
        await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{id}", new { displayName = "鈴木商会", productCode = "static-residential" }))
            .ExpectAsync(HttpStatusCode.OK);

        var entries = (await (await auditor.GetAsync($"/api/v1/audit?entityType=subscriber&entityId={id}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal("subscriber.created", entries[0]!["action"]!.GetValue<string>());
        Assert.Equal("crm-req-42", entries[0]!["requestId"]!.GetValue<string>());
        Assert.StartsWith("key:crm", entries[0]!["actor"]!.GetValue<string>());
        Assert.Equal("provisioning", entries[0]!["actorRole"]!.GetValue<string>());
        Assert.Contains("鈴木", entries[1]!["before"]!.GetValue<string>());
        Assert.Contains("鈴木商会", entries[1]!["after"]!.GetValue<string>());
        Assert.Equal(entries[0]!["hash"]!.GetValue<string>(), entries[1]!["previousHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tampering_with_one_stored_entry_is_detected_at_that_entry_by_the_api_and_the_cli()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        for (var i = 0; i < 3; i++)
            await Provisioning.SubscriberAsync(crm);

        var intact = await (await auditor.GetAsync("/api/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(intact["intact"]!.GetValue<bool>());
        var total = intact["entriesChecked"]!.GetValue<long>();
        Assert.True(total >= 5);

        var victim = total - 2;
        await api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE audit_entries SET reason = 'nothing to see here' WHERE sequence = {0}", victim));

        var broken = await (await auditor.GetAsync("/api/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(broken["intact"]!.GetValue<bool>());
        Assert.Equal(victim, broken["firstBrokenSequence"]!.GetValue<long>());

        var output = new StringWriter();
        var exitCode = await HostCommands.RunAsync(api.Services, ["audit", "verify"], output);
        Assert.Equal(1, exitCode);
        Assert.Contains($"BROKEN at entry {victim}", output.ToString());
    }
}

public sealed class AuditTrailTests_on_Sqlite(SqliteApiFactory api) : AuditTrailTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AuditTrailTests_on_Postgres(PostgresApiFactory api) : AuditTrailTests(api), IClassFixture<PostgresApiFactory>;

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Persistence.Retention;

namespace Op25b.Api.Tests.Features.Exports;

/// <summary>
/// Retention of audit entries and export files: old audit entries are archived with a manifest
/// before removal and the remaining chain still verifies from the anchor; export files go, their
/// records stay. Each provider gets a database of its own: these tests delete audit history.
/// </summary>
public abstract class RetentionArchiveTests(AdminApiFactory api)
{
    private Task<PurgeCounts> PurgeAsync(RetentionPolicy policy) =>
        api.WithScopeAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync(policy, CancellationToken.None));

    [Fact]
    public async Task Old_audit_entries_are_archived_with_a_manifest_before_removal_and_the_chain_still_verifies()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        await api.ClientWithRolesAsync("crm-old", Roles.Provisioning);
        var before = await (await auditor.GetAsync("/api/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        var oldHead = before["entriesChecked"]!.GetValue<long>();
        api.Clock.Advance(TimeSpan.FromDays(40));
        await api.ClientWithRolesAsync("crm-new", Roles.Provisioning);

        var counts = await PurgeAsync(new RetentionPolicy { AuditDays = 30 });
        Assert.Equal(oldHead, counts.AuditEntries);
        Assert.NotNull(counts.AuditArchiveExportId);

        var verified = await (await auditor.GetAsync("/api/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified["intact"]!.GetValue<bool>(), verified.ToJsonString());
        Assert.Equal(oldHead, verified["anchorSequence"]!.GetValue<long>());
        await api.WithDbAsync(async db => Assert.False(await db.AuditEntries.AnyAsync(e => e.Sequence <= oldHead)));

        var archive = counts.AuditArchiveExportId!.Value;
        var manifest = await (await auditor.GetAsync($"/api/v1/exports/{archive}/manifest")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(oldHead, manifest["rowCount"]!.GetValue<long>());
        Assert.Equal(oldHead.ToString(), manifest["query"]!["throughSequence"]!.GetValue<string>());
        Assert.True((await (await auditor.GetAsync($"/api/v1/exports/{archive}/verify")).ExpectAsync(HttpStatusCode.OK))["intact"]!.GetValue<bool>());

        var trail = await (await auditor.GetAsync("/api/v1/audit?action=audit.archived")).ExpectAsync(HttpStatusCode.OK);
        var archived = JsonNode.Parse(trail["items"]!.AsArray().Single()!["after"]!.GetValue<string>())!;
        Assert.Equal(manifest["sha256"]!.GetValue<string>(), archived["archiveSha256"]!.GetValue<string>());
        var purged = await (await auditor.GetAsync("/api/v1/audit?action=retention.purged")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains($"\"auditEntries\":{oldHead}", purged["items"]!.AsArray().Single()!["after"]!.GetValue<string>());

        // A second run has nothing older to archive and leaves the chain as it was.
        Assert.Equal(0, (await PurgeAsync(new RetentionPolicy { AuditDays = 30 })).AuditEntries);
        Assert.True((await (await auditor.GetAsync("/api/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK))["intact"]!.GetValue<bool>());

        // Removing retained entries without going through the archive is still caught.
        await api.WithDbAsync(async db => await db.AuditEntries.Where(e => e.Sequence == oldHead + 2).ExecuteDeleteAsync());
        var broken = await (await auditor.GetAsync("/api/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(broken["intact"]!.GetValue<bool>());
        Assert.Equal(oldHead + 3, broken["firstBrokenSequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task Export_files_past_their_retention_are_deleted_while_their_record_and_manifest_stay()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var id = await ExportTesting.BackgroundExportAsync(api, auditor, new { type = "audit-trail", format = "csv", @async = true });
        var fileName = (await (await auditor.GetAsync($"/api/v1/exports/{id}/manifest")).ExpectAsync(HttpStatusCode.OK))["fileName"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(api.ExportDirectory, fileName)));

        api.Clock.Advance(TimeSpan.FromDays(8));
        var counts = await PurgeAsync(new RetentionPolicy { ExportsDays = 7, AuditDays = 0 });
        Assert.True(counts.ExportFiles >= 1);
        Assert.False(File.Exists(Path.Combine(api.ExportDirectory, fileName)));
        Assert.False(File.Exists(Path.Combine(api.ExportDirectory, fileName + ".manifest.json")));
        var status = await (await auditor.GetAsync($"/api/v1/exports/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("purged", status["state"]!.GetValue<string>());
        await (await auditor.GetAsync($"/api/v1/exports/{id}/manifest")).ExpectAsync(HttpStatusCode.OK);
        await (await auditor.GetAsync($"/api/v1/exports/{id}/verify")).ExpectProblemAsync(HttpStatusCode.Conflict, "state");
    }
}

public sealed class RetentionArchiveTests_on_Sqlite(SqliteApiFactory api) : RetentionArchiveTests(api), IClassFixture<SqliteApiFactory>;

public sealed class RetentionArchiveTests_on_Postgres(PostgresApiFactory api) : RetentionArchiveTests(api), IClassFixture<PostgresApiFactory>;

using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Exports;
using Op25b.Persistence;

namespace Op25b.Api.Features.Exports;

public static class ExportLookup
{
    public static async Task<ExportFile> RequireAsync(AdminDbContext db, long id, CancellationToken ct) =>
        await db.ExportFiles.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct)
        ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No export {id}.");

    public static ExportManifest RequireManifest(ExportFile export) =>
        export.Manifest is { } json
            ? ExportManifest.Parse(json)
            : throw new DomainRuleViolation(ViolationKind.Conflict, "state",
                $"Export {export.Id} is {export.State.ToString().ToLowerInvariant()}: it has no manifest yet.");
}

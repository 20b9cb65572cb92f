using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Abuse;
using Op25b.Core.AddressHistory;
using Op25b.Core.Audit;
using Op25b.Core.Exemptions;
using Op25b.Core.Subscribers;
using Op25b.OpsUi.Hosting;
using Op25b.Persistence;
using Op25b.Persistence.Abuse;
using Op25b.Persistence.Attempts;

namespace Op25b.OpsUi.Pages.Subscribers;

/// <summary>One subscriber's whole story: who, which product, which addresses when, exemptions and their history, attempts.</summary>
public sealed class DetailModel(AdminDbContext db, AttemptStatistics statistics, AbuseCaseQueries cases, ConsoleTime time) : PageModel
{
    public const int SessionLimit = 50;
    public const int TopCount = 10;

    [BindProperty(SupportsGet = true)] public string ExternalId { get; set; } = "";
    public Subscriber Subscriber { get; private set; } = null!;
    public Product? Product { get; private set; }
    public IReadOnlyList<AddressAssignment> Assignments { get; private set; } = [];
    public IReadOnlyList<AccessSession> Sessions { get; private set; } = [];
    public IReadOnlyList<Exemption> Exemptions { get; private set; } = [];
    public ILookup<string, AuditEntry> ExemptionHistory { get; private set; } = Enumerable.Empty<AuditEntry>().ToLookup(e => e.EntityId);
    public IReadOnlyList<DestinationTotal> TopDestinations { get; private set; } = [];
    public string ChartJson { get; private set; } = "{}";
    public long Total7d { get; private set; }
    /// <summary>Null when the user may not read abuse cases (as at the API: the desk, auditors, admins).</summary>
    public IReadOnlyList<AbuseCase>? Cases { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.ExternalId == ExternalId, ct);
        if (subscriber is null)
            return NotFound();
        Subscriber = subscriber;
        Product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Code == subscriber.ProductCode, ct);
        Assignments = await db.AddressAssignments.AsNoTracking().Where(a => a.SubscriberId == subscriber.Id)
            .OrderByDescending(a => a.ValidFrom).ToListAsync(ct);
        Sessions = await db.AccessSessions.AsNoTracking().Where(s => s.SubscriberId == subscriber.Id)
            .OrderByDescending(s => s.StartedAt).Take(SessionLimit).ToListAsync(ct);
        Exemptions = await db.Exemptions.AsNoTracking().Include(e => e.Prefixes).Where(e => e.SubscriberId == subscriber.Id)
            .OrderByDescending(e => e.RequestedAt).ToListAsync(ct);
        var ids = Exemptions.Select(e => e.Id.ToString()).ToList();
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "exemption" && ids.Contains(a.EntityId))
            .OrderBy(a => a.Sequence).ToListAsync(ct);
        ExemptionHistory = history.ToLookup(a => a.EntityId);

        if (ConsoleAuth.AbuseReaderRoles.Any(User.IsInRole))
            Cases = await cases.ListAsync(new AbuseCaseFilter(SubscriberExternalId: subscriber.ExternalId), ct);

        var now = time.Now;
        var perHour = await statistics.PerHourAsync(now.AddDays(-7), now, subscriber.Id, ct);
        Total7d = perHour.Sum(h => h.Attempts);
        ChartJson = HourSeries.ToJson(perHour, now.AddDays(-7), now, time);
        TopDestinations = await statistics.TopDestinationsAsync(now.AddDays(-7), now, TopCount, subscriber.Id, ct);
        return Page();
    }
}

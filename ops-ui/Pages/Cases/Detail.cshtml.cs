using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.Core;
using Op25b.Core.Abuse;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;
using Op25b.Persistence.Abuse;

namespace Op25b.OpsUi.Pages.Cases;

/// <summary>One case: the figures that opened it, its history, a note, and only the moves the state machine allows from here.</summary>
[Authorize(Policy = ConsoleAuth.AbuseReaders)]
public sealed class DetailModel(AbuseCaseQueries queries, IAbuseCaseDesk desk) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public AbuseCase Case { get; private set; } = null!;
    public IReadOnlyList<AbuseCaseState> Moves { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Done { get; set; }

    public bool CanWork => ConsoleAuth.AbuseDeskRoles.Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Case = await queries.RequireAsync(Id, ct);
        }
        catch (DomainRuleViolation missing) when (missing.Kind == ViolationKind.NotFound)
        {
            return NotFound();
        }
        Moves = AbuseCaseTransitions.From(Case.State);
        return Page();
    }

    /// <summary>The target arrives by name; a move the state machine forbids is refused by the case itself (409), not just hidden.</summary>
    public Task<IActionResult> OnPostTransitionAsync(int version, string target, string? note, CancellationToken ct) =>
        ChangeAsync(version, "Cases.Moved", () => Enum.TryParse<AbuseCaseState>(target, true, out var state) && !char.IsAsciiDigit(target[0])
            ? desk.TransitionAsync(HttpContext, Id, state, note, ct)
            : throw new DomainRuleViolation(ViolationKind.Invalid, "target", $"'{target}' is not a case state."), ct);

    public Task<IActionResult> OnPostNoteAsync(int version, string? note, CancellationToken ct) =>
        ChangeAsync(version, "Cases.Noted", () => desk.AddNoteAsync(HttpContext, Id, note ?? "", ct), ct);

    /// <summary>
    /// The page's version travels in each form, as If-Match does at the API: "resolve" clicked on
    /// an open case must not resolve one a colleague suspended meanwhile without anyone seeing it.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(int version, string doneKey, Func<Task> change, CancellationToken ct)
    {
        if (!CanWork)
            return Forbid(ConsoleAuth.Scheme);
        try
        {
            if ((await queries.RequireAsync(Id, ct)).Version != version)
                throw new DomainRuleViolation(ViolationKind.Conflict, "version",
                    "The case changed since this page was loaded; read its history and try again.");
            await change();
        }
        catch (DomainRuleViolation violation)
        {
            Error = violation.Message;
            var page = await OnGetAsync(ct);
            Response.StatusCode = ViolationStatus.Of(violation);
            return page;
        }
        Done = doneKey;
        return RedirectToPage();
    }
}

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
    public Task<IActionResult> OnPostTransitionAsync(string target, string? note, CancellationToken ct) =>
        ChangeAsync("Cases.Moved", () => Enum.TryParse<AbuseCaseState>(target, true, out var state) && !char.IsAsciiDigit(target[0])
            ? desk.TransitionAsync(HttpContext, Id, state, note, ct)
            : throw new DomainRuleViolation(ViolationKind.Invalid, "target", $"'{target}' is not a case state."), ct);

    public Task<IActionResult> OnPostNoteAsync(string? note, CancellationToken ct) =>
        ChangeAsync("Cases.Noted", () => desk.AddNoteAsync(HttpContext, Id, note ?? "", ct), ct);

    private async Task<IActionResult> ChangeAsync(string doneKey, Func<Task> change, CancellationToken ct)
    {
        if (!CanWork)
            return Forbid(ConsoleAuth.Scheme);
        try
        {
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

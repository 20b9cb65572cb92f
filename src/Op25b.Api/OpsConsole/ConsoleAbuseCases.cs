using Op25b.Api.Auth;
using Op25b.Core.Abuse;
using Op25b.OpsUi.Ports;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.OpsConsole;

/// <summary>The console's case work: the very <see cref="AbuseCaseService"/> the API endpoints and the offender job run.</summary>
internal sealed class ConsoleAbuseCases(AbuseCaseService cases) : IAbuseCaseDesk
{
    public async Task<long> OpenAsync(HttpContext http, long subscriberId, AbuseCaseTrigger trigger, string reason, OffenderFinding? figures, string? note,
        CancellationToken ct) =>
        (await cases.OpenAsync(subscriberId, trigger, reason, Actor.Of(http), ct, figures, string.IsNullOrWhiteSpace(note) ? null : note)).Id;

    public Task TransitionAsync(HttpContext http, long id, AbuseCaseState target, string? note, CancellationToken ct) =>
        cases.TransitionAsync(id, target, note, Actor.Of(http), ct);

    public Task AddNoteAsync(HttpContext http, long id, string note, CancellationToken ct) =>
        cases.AddNoteAsync(id, note, Actor.Of(http), ct);
}

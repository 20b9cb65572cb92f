using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports.Types;

public sealed record ExportType(string Type, IReadOnlyList<string> Columns);

/// <summary>The export kinds this host offers and their columns, for a client building the request form.</summary>
public sealed class Endpoint(ExportCatalog catalog) : EndpointWithoutRequest<IReadOnlyList<ExportType>>
{
    public override void Configure()
    {
        Get("/exports/types");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "Export types and their columns");
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync([.. catalog.Types.Select(t => new ExportType(t, catalog.Get(t).Columns))], ct);
}

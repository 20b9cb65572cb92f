using Op25b.Persistence.Addressing;

namespace Op25b.Api.Cli;

/// <summary><c>address-space check</c>: lists stored rows that break an address rule; exit 1 when any, 0 when none. Nothing is changed.</summary>
public static class AddressSpaceCheckCommand
{
    public static async Task<int> RunAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        var violations = await sp.GetRequiredService<AddressSpaceCheck>().RunAsync(sp.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        foreach (var v in violations)
            await output.WriteLineAsync(v.ToString());
        await output.WriteLineAsync(violations.Count == 0
            ? "Address rules hold for every relay, pool, current assignment and claiming exemption."
            : $"{violations.Count} row(s) break the address rules; fix them through the API (nothing was changed).");
        return violations.Count == 0 ? 0 : 1;
    }
}

using Op25b.Persistence.Audit;

namespace Op25b.Api.Cli;

/// <summary><c>audit verify [--checkpoints &lt;file&gt; ...]</c> and <c>audit rotate-key</c>.</summary>
internal static class AuditCommands
{
    /// <summary>Exit 0 when the chain and every checkpoint agree, 1 naming the first broken or missing entry.</summary>
    public static async Task<int> VerifyAsync(IServiceProvider sp, string[] args, TextWriter output, CancellationToken ct)
    {
        var others = HostCommands.Options(args, "--checkpoints");
        var missing = others.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
        {
            await output.WriteLineAsync($"error: checkpoint file {missing} does not exist.");
            return 2;
        }
        var result = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(others, ct);
        await output.WriteLineAsync(result.Intact
            ? $"Audit chain intact: {result.EntriesChecked} entries, head {result.HeadHash}, {result.CheckpointsChecked} checkpoints agree."
            : $"Audit chain BROKEN at entry {result.FirstBrokenSequence}: {result.Reason} ({result.EntriesChecked} entries before it are intact).");
        if (result.CheckpointLinesSkipped > 0)
            await output.WriteLineAsync($"Note: {result.CheckpointLinesSkipped} checkpoint lines do not parse (cut by a crash, or edited) and were skipped.");
        return result.Intact ? 0 : 1;
    }

    /// <summary>A new key seals from now on; the rotation is itself the first entry sealed with it.</summary>
    public static async Task<int> RotateKeyAsync(IServiceProvider sp, AuditActor actor, TextWriter output, CancellationToken ct)
    {
        var store = sp.GetRequiredService<AuditKeyStore>();
        var previous = store.Keyring.Current.Id;
        Op25b.Core.Audit.AuditKey key;
        try
        {
            key = store.Rotate();
        }
        catch (InvalidOperationException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        var audit = sp.GetRequiredService<AuditTrail>();
        audit.Record(actor, new AuditRecord("audit.key-rotated", "audit-key", key.Id, new { keyId = previous }, new { keyId = key.Id }));
        await audit.SaveAsync(ct);
        await output.WriteLineAsync($"New audit key {key.Id} seals from now on; {previous} and older keys stay in {store.KeyFile} to verify older entries.");
        await output.WriteLineAsync("Keep a copy of the key file outside this host, and give every host that shares the database the same file.");
        return 0;
    }
}

namespace Op25b.Routers.Ssh;

/// <summary>
/// What a remote command returned. <paramref name="ExitStatus"/> is null when the command ended
/// without one (killed by a signal, see <paramref name="ExitSignal"/>).
/// </summary>
public sealed record SshCommandResult(int? ExitStatus, string? ExitSignal, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitStatus == 0;

    /// <summary>stderr then stdout, trimmed: what an operator needs to see when the command failed.</summary>
    public string CombinedOutput =>
        string.Join("\n", new[] { StandardError.Trim(), StandardOutput.Trim() }.Where(s => s.Length > 0));
}

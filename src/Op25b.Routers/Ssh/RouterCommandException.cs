namespace Op25b.Routers.Ssh;

/// <summary>A command ran on the router and failed; <see cref="Result"/> holds its exit status and output.</summary>
public sealed class RouterCommandException(string command, SshCommandResult result)
    : Exception($"'{command}' exited with {(result.ExitStatus?.ToString() ?? "signal " + result.ExitSignal)}: {result.CombinedOutput}")
{
    public SshCommandResult Result { get; } = result;
}

using Op25b.Core;
using Op25b.Routers.Ssh;

namespace Op25b.Api.Rollout;

/// <summary>
/// Resolves a router's credential reference to a private key file on this host:
/// "file:&lt;path&gt;" names the file (relative paths are taken under the key directory); any other
/// value is a secret name looked up under <c>RouterCredentials:&lt;name&gt;</c> in configuration
/// (environment, a mounted secret, user secrets). The key itself never enters the database or the logs.
/// <para>
/// A network admin chooses the reference, so it must not become a way to read the host: the file
/// must lie under <c>RouterKeys:Directory</c> (after following links), be a regular file of
/// 1 byte to 64 KiB (devices, FIFOs and /proc files report size 0) and hold a key SSH.NET can load.
/// Every refusal throws the same <see cref="DomainRuleViolation"/> with the same text, so the
/// answer does not tell whether a file exists; the log keeps the real reason for the operator.
/// </para>
/// </summary>
public sealed class RouterCredentials(IConfiguration configuration, ILogger<RouterCredentials> log)
{
    public const string DirectorySetting = "RouterKeys:Directory";
    public const string DefaultDirectory = "/etc/op25b/router-keys";
    /// <summary>An OpenSSH RSA-4096 key is about 3.4 KiB; nothing legitimate comes near this.</summary>
    public const int MaxKeyBytes = 64 * 1024;

    public string ResolveKeyPath(string credentialRef)
    {
        string? path, refusal;
        try
        {
            (path, refusal) = Check(credentialRef);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            (path, refusal) = (null, e.Message);
        }
        if (refusal is null)
            return path!;
        log.LogWarning("Credential {CredentialRef} refused: {Reason}", credentialRef, refusal);
        throw new DomainRuleViolation(ViolationKind.Conflict, "credentialRef",
            $"The key file for credential '{credentialRef}' cannot be used on this host (see the host's log).");
    }

    private (string? Path, string? Refusal) Check(string credentialRef)
    {
        var named = credentialRef.StartsWith("file:", StringComparison.Ordinal)
            ? credentialRef[5..]
            : configuration[$"RouterCredentials:{credentialRef}"];
        if (string.IsNullOrEmpty(named))
            return (null, $"not configured (RouterCredentials:{credentialRef})");
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configuration[DirectorySetting] ?? DefaultDirectory)) + Path.DirectorySeparatorChar;
        var file = new FileInfo(Path.GetFullPath(named, directory));
        if (file.LinkTarget is not null)
            file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
        if (!file.FullName.StartsWith(directory, StringComparison.Ordinal))
            return (null, $"{file.FullName} is outside {directory}");
        if (!file.Exists)
            return (null, $"{file.FullName} does not exist or is not a file");
        // Checked before opening: opening a FIFO would block until someone writes to it.
        if (file.Length is < 1 or > MaxKeyBytes)
            return (null, $"{file.FullName} is not a regular file of 1 to {MaxKeyBytes} bytes");
        var key = ReadBounded(file.FullName);
        if (key is null)
            return (null, $"{file.FullName} is larger than {MaxKeyBytes} bytes");
        return SshPrivateKeys.IsUsable(key) ? (file.FullName, null) : (null, $"{file.FullName} holds no private key SSH.NET can use");
    }

    /// <summary>Reads at most one byte more than allowed, whatever the file claims its size is.</summary>
    private static byte[]? ReadBounded(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[MaxKeyBytes + 1];
        var total = 0;
        for (int read; total < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0;)
            total += read;
        return total > MaxKeyBytes ? null : buffer[..total];
    }
}

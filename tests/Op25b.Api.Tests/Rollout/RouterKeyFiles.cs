using System.Diagnostics;

namespace Op25b.Api.Tests.Rollout;

/// <summary>Key files as an operator (or an attacker with a network-admin key) might leave them.</summary>
public static class RouterKeyFiles
{
    /// <summary>A PEM block of a type SSH.NET does not load (DSA was dropped), with a plausible body.</summary>
    public const string UnsupportedKey = """
        -----BEGIN DSA PRIVATE KEY-----
        MIIBuwIBAAKBgQDfP8Vjn9kUX4nPH2m1Kq0YbRiS5a6xXl1k8xY4w8U0dQm1n7Ow
        rS3t8aQwF4lVq0m2Zb1pC1wq7iM1fM2YtX3Xb9v3s5o3nJt5f8w2bZ3Y4cQ9Vw==
        -----END DSA PRIVATE KEY-----

        """;

    public static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited {process.ExitCode}");
    }

    /// <summary>A fresh ed25519 key without passphrase, made by OpenSSH.</summary>
    public static void Ed25519(string path) => Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path);
}

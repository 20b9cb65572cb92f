using System.Security.Cryptography;
using System.Text;

namespace Op25b.Routers.Ssh;

/// <summary>Compares a presented SHA-256 host key fingerprint with the pinned one.</summary>
internal static class HostKeyPin
{
    /// <summary>The pin as SSH.NET presents fingerprints: no "SHA256:" prefix, no base64 padding.</summary>
    public static string Normalize(string pin)
    {
        var trimmed = pin.Trim();
        if (trimmed.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed["SHA256:".Length..];
        return trimmed.TrimEnd('=');
    }

    /// <summary>
    /// Constant-time, so the time a rejection takes does not tell an impostor how many leading
    /// characters it got right. (Base64 is case-sensitive: no case folding.)
    /// </summary>
    public static bool Matches(string pinned, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Normalize(pinned)),
            Encoding.ASCII.GetBytes(presented));
}

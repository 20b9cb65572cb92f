using System.Security.Cryptography;
using System.Text;

namespace Op25b.Core.Access;

/// <summary>
/// Key format <c>op25b_{keyId}_{secret}</c>. The secret has 256 bits of entropy, so a plain
/// SHA-256 is a sufficient hash (a slow password hash protects low-entropy secrets only).
/// </summary>
public static class ApiKeySecret
{
    private const string Scheme = "op25b";

    public static (string FullKey, string KeyId, string SecretHash) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Scheme}_{keyId}_{secret}", keyId, Hash(secret));
    }

    public static bool TrySplit(string presented, out string keyId, out string secret)
    {
        keyId = secret = "";
        var parts = presented.Trim().Split('_', 3);
        if (parts.Length != 3 || parts[0] != Scheme || parts[1].Length != 12 || parts[2].Length < 20)
            return false;
        (keyId, secret) = (parts[1], parts[2]);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

namespace Op25b.Api.Features.Routers;

/// <summary>SSH SHA256 fingerprints as OpenSSH prints them: "SHA256:" + unpadded base64 of 32 bytes.</summary>
public static class HostKeyFingerprint
{
    public static bool TryNormalize(string? text, out string fingerprint)
    {
        fingerprint = "";
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var value = text.Trim();
        if (value.StartsWith("SHA256:", StringComparison.Ordinal))
            value = value[7..];
        value = value.TrimEnd('=');
        if (value.Length != 43)
            return false;
        try
        {
            if (Convert.FromBase64String(value + "=").Length != 32)
                return false;
        }
        catch (FormatException)
        {
            return false;
        }
        fingerprint = value;
        return true;
    }
}

using System.Net;

namespace Op25b.Core.Addressing;

/// <summary>
/// Parses the text a client sends as an address or prefix. Input is strict: a prefix with host
/// bits set is refused rather than silently truncated, because "192.0.2.1/24" usually means
/// the operator typed the wrong thing, and exempting a whole /24 by accident is a real harm.
/// </summary>
public static class PrefixParser
{
    public static bool TryParsePrefix(string? text, out IPNetwork prefix, out string error)
    {
        prefix = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A prefix is required, e.g. 198.51.100.0/24 or 2001:db8:1200::/56.";
            return false;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/');
        var addressPart = slash < 0 ? trimmed : trimmed[..slash];
        if (!TryParseAddress(addressPart, out var address, out error))
            return false;

        var maxLength = address.GetAddressBytes().Length * 8;
        var length = maxLength;
        if (slash >= 0 && (!int.TryParse(trimmed[(slash + 1)..], System.Globalization.NumberStyles.None, null, out length)
                           || length > maxLength))
        {
            error = $"'{trimmed}' has an invalid prefix length; it must be 0–{maxLength}.";
            return false;
        }

        var network = new IPNetwork(Mask(address, length), length);
        if (!network.BaseAddress.Equals(address))
        {
            error = $"'{trimmed}' has host bits set; did you mean {network}?";
            return false;
        }

        prefix = network;
        return true;
    }

    public static bool TryParseAddress(string? text, out IPAddress address, out string error)
    {
        address = IPAddress.None;
        error = "";
        // IPAddress.TryParse accepts inet_aton forms ("10", "1.2.3", octal "010", hex "0x0a"), scope ids
        // (unknown ones as scope 0) and "[v6]:port"; refuse them. Check the text: ScopeId throws for IPv4.
        if (string.IsNullOrWhiteSpace(text)
            || text.Trim().IndexOfAny(['%', '[', ']']) >= 0
            || !IPAddress.TryParse(text.Trim(), out var parsed)
            || (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && !(text.Trim().Split('.') is { Length: 4 } octets
                     && octets.All(o => o.Length is >= 1 and <= 3 && o.All(char.IsAsciiDigit) && (o.Length == 1 || o[0] != '0')))))
        {
            error = $"'{text}' is not a valid IPv4 or IPv6 address.";
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}

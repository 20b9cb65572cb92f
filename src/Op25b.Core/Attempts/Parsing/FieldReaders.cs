using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>Strict readers for the values every format carries.</summary>
internal static class FieldReaders
{
    /// <summary>
    /// IPAddress.TryParse accepts "1" and "1.2.3" as IPv4 shorthand and "%zone" suffixes;
    /// no router writes those, so they are refused rather than silently reinterpreted.
    /// </summary>
    public static bool TryAddress(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length is 0 or > 45 || text.Contains('%'))
            return false;
        var isV6 = text.Contains(':');
        if (!isV6 && (text.Count('.') != 3 || text.ContainsAnyExcept("0123456789.")))
            return false;
        if (!IPAddress.TryParse(text, out var parsed))
            return false;
        if (parsed.AddressFamily != (isV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
            return false;
        address = parsed;
        return true;
    }

    public static bool TryPort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    public static bool TryCount(ReadOnlySpan<char> text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1;

    /// <summary>
    /// When, and which router the line claims to be from. The hostname may be missing (Cisco's
    /// default format has none): the receiver knows the router from the sending address.
    /// </summary>
    public static string? TryOrigin(SyslogMessage message, out DateTimeOffset at, out string router)
    {
        at = message.Timestamp ?? default;
        router = message.Hostname ?? "";
        return message.Timestamp is null ? "message has no timestamp" : null;
    }

    public static string? CheckFamilies(IPAddress source, IPAddress destination) =>
        source.AddressFamily == destination.AddressFamily
            ? null
            : "source and destination are of different address families";
}

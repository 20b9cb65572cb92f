using System.Net;
using Op25b.Core.Network;

namespace Op25b.Api.Features.Routers;

/// <summary>A syslog source as the API takes it: one plain address, normalised as the listeners see senders.</summary>
public static class SyslogSourceAddress
{
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        // IPAddress.TryParse accepts "1" and "%zone"; a sender address never looks like that.
        if (string.IsNullOrWhiteSpace(text) || text.Contains('%') || text.Contains('/')
            || (!text.Contains(':') && text.Count(c => c == '.') != 3) || !IPAddress.TryParse(text, out var parsed))
            return false;
        address = RouterSyslogSource.Normalize(parsed);
        return true;
    }
}

using System.Text.Json;
using Op25b.Core.AddressHistory;
using Op25b.Core.Addressing;

namespace Op25b.Api.Features.AddressHistory.RecordAccounting;

/// <summary>Validates one input event into an <see cref="AccountingEvent"/>, or says which field is wrong.</summary>
public static class EventInterpreter
{
    public static (AccountingEvent? Event, string? Error) Interpret(AccountingEventInput input, DateTimeOffset now)
    {
        var type = Enum.GetValues<AccountingEventType>()
            .FirstOrDefault(t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.ToString()) == input.Type, (AccountingEventType)(-1));
        if ((int)type == -1)
            return (null, $"type: '{input.Type}' is not one of start, interim-update, stop, accounting-on, accounting-off");
        if (string.IsNullOrWhiteSpace(input.NasId) || input.NasId.Length > 128)
            return (null, "nasId: required, at most 128 characters");
        var nasWide = type is AccountingEventType.AccountingOn or AccountingEventType.AccountingOff;
        if (!nasWide && (string.IsNullOrWhiteSpace(input.SessionId) || input.SessionId.Length > 128))
            return (null, "sessionId: required for session events, at most 128 characters");
        if (!nasWide && string.IsNullOrWhiteSpace(input.SubscriberExternalId))
            return (null, "subscriberExternalId: required for session events");
        if (input.DelaySeconds is < 0 or > 86_400)
            return (null, "delaySeconds: must be 0–86400");
        var eventTime = (input.ReceivedAt?.ToUniversalTime() ?? now).AddSeconds(-input.DelaySeconds);
        // PostgreSQL keeps microseconds: an event compared for duplicates must be at the stored precision.
        eventTime = new DateTimeOffset(eventTime.UtcTicks - eventTime.UtcTicks % 10, TimeSpan.Zero);
        if (eventTime > now.AddMinutes(5))
            return (null, $"receivedAt: {eventTime:O} is in the future");

        System.Net.IPAddress? framed = null;
        if (input.FramedIp is not null)
        {
            if (!PrefixParser.TryParseAddress(input.FramedIp, out var ip, out var error) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                return (null, $"framedIp: {(error.Length > 0 ? error : "must be an IPv4 address")}");
            if (SpecialPurposeRanges.Containing(ip) is { } special)
                return (null, $"framedIp: {ip} lies in {special.Network}, {special.Name} ({special.Reference})");
            framed = ip;
        }
        System.Net.IPNetwork? delegated = null;
        if (input.DelegatedPrefix is not null)
        {
            if (!PrefixParser.TryParsePrefix(input.DelegatedPrefix, out var prefix, out var error))
                return (null, $"delegatedPrefix: {error}");
            if (prefix.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return (null, "delegatedPrefix: must be an IPv6 prefix");
            if (SpecialPurposeRanges.Overlapping(prefix) is { } special)
                return (null, $"delegatedPrefix: {prefix} overlaps {special.Network}, {special.Name} ({special.Reference})");
            delegated = prefix;
        }

        return (new AccountingEvent
        {
            NasId = input.NasId, SessionId = nasWide ? "" : input.SessionId!, Type = type, EventTime = eventTime, ReceivedAt = now,
            SubscriberExternalId = input.SubscriberExternalId, FramedIp = framed, DelegatedPrefix = delegated,
        }, null);
    }
}

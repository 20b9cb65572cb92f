using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>One ulogd2 JSON-plugin record per line (NFLOG → BASE → IFINDEX → IP2STR → JSON).</summary>
/// <remarks>
/// Keys are flat and contain dots ("oob.time.sec"), they are not nested objects. The kernel's
/// packet time oob.time.sec/usec (UTC) is preferred; the kernel does not send it for every
/// packet, and then ulogd stamps its own "timestamp": local time, with a "+hhmm" offset since
/// ulogd 2.0.8 and without one before, read in the router's zone. Without either, the received
/// time is used. <see cref="BlockedAttemptRecord.TimeSource"/> says which.
/// Any prefix is read (it becomes the record's list name), so records of other log rules are
/// counted as not OP25B rather than refused.
/// </remarks>
public sealed class UlogdJsonParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };

    public ParseOutcome Parse(string line, RouterClock clock)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (LineLimits.Check(line, out var text) is { } limitError)
            return ParseOutcome.Fail(limitError);
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ParseOutcome.Fail("record is not a JSON object");
            return Read(new UlogdFields(document.RootElement), clock);
        }
        catch (JsonException)
        {
            return ParseOutcome.Fail("malformed JSON");
        }
    }

    private static ParseOutcome Read(UlogdFields f, RouterClock clock)
    {
        if (f.String("oob.prefix", out var prefix) is { } e1) return ParseOutcome.Fail(e1);
        var router = f.Has("dvc") && f.String("dvc", out var dvc) is null ? dvc : "";
        if (Time(f, clock, out var at, out var source) is { } e3) return ParseOutcome.Fail(e3);
        if (f.Integer("oob.family", 0, 255, out var family) is { } e5) return ParseOutcome.Fail(e5);
        if (f.Address("src_ip", out var sourceIp) is { } e6) return ParseOutcome.Fail(e6);
        if (f.Address("dest_ip", out var destination) is { } e7) return ParseOutcome.Fail(e7);
        if (f.Integer("ip.protocol", 0, 255, out var protocol) is { } e10) return ParseOutcome.Fail(e10);
        // Port-less protocols have no port fields; they are parsed to be counted as not OP25B.
        long sport = 0, dport = 0;
        var hasPorts = protocol is 6 or 17;
        if (hasPorts && f.Integer("src_port", 0, 65535, out sport) is { } e8) return ParseOutcome.Fail(e8);
        if (hasPorts && f.Integer("dest_port", 1, 65535, out dport) is { } e9) return ParseOutcome.Fail(e9);

        // oob.family is the NFPROTO value: 2 for IPv4, 10 for IPv6.
        var expected = family switch
        {
            2 => AddressFamily.InterNetwork,
            10 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unknown,
        };
        if (expected == AddressFamily.Unknown)
            return ParseOutcome.Fail($"field 'oob.family' has unknown value {family}");
        if (sourceIp.AddressFamily != expected || destination.AddressFamily != expected)
            return ParseOutcome.Fail("field 'oob.family' disagrees with the addresses");

        var protocolName = protocol switch { 6 => "tcp", 17 => "udp", 1 => "icmp", 58 => "icmpv6", _ => protocol.ToString(CultureInfo.InvariantCulture) };
        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, sourceIp, hasPorts ? (int)sport : null, destination, (int)dport, protocolName, AttemptAction.Dropped,
            ListName: prefix.Trim(), TimeSource: source));
    }

    private static string? Time(UlogdFields f, RouterClock clock, out DateTimeOffset at, out LogTimeSource source)
    {
        at = clock.ReceivedAt;
        source = LogTimeSource.Received;
        if (f.Has("oob.time.sec"))
        {
            if (f.Integer("oob.time.sec", 0, 253402300799, out var sec) is { } e1) return e1;
            long usec = 0;
            if (f.Has("oob.time.usec") && f.Integer("oob.time.usec", 0, 999999, out usec) is { } e2) return e2;
            at = DateTimeOffset.FromUnixTimeSeconds(sec).AddTicks(usec * 10);
            source = LogTimeSource.KernelPacketTime;
            return null;
        }
        var name = f.Has("timestamp") ? "timestamp" : f.Has("@timestamp") ? "@timestamp" : null;
        if (name is null)
            return null;
        if (f.String(name, out var text) is { } e3) return e3;
        if (!UlogdTimestamp.TryRead(text, clock, out at))
            return $"field '{name}' is not a ulogd timestamp";
        source = LogTimeSource.UlogdTimestamp;
        return null;
    }
}

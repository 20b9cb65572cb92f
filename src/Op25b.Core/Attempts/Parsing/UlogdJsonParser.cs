using System.Net.Sockets;
using System.Text.Json;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>One ulogd2 JSON-plugin record per line (NFLOG → BASE → IFINDEX → IP2STR → JSON).</summary>
/// <remarks>
/// Keys are flat and contain dots ("oob.time.sec"), they are not nested objects. The record's
/// "timestamp" is local time without a zone, so the UTC epoch pair oob.time.sec/usec is used.
/// </remarks>
public sealed class UlogdJsonParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };
    private readonly string _prefix;

    /// <param name="prefix">Our NFLOG prefix; ulogd keeps the rule's trailing space, which is ignored.</param>
    public UlogdJsonParser(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _prefix = prefix.Trim();
    }

    public ParseOutcome Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (LineLimits.Check(line, out var text) is { } limitError)
            return ParseOutcome.Fail(limitError);
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ParseOutcome.Fail("record is not a JSON object");
            return Read(new UlogdFields(document.RootElement));
        }
        catch (JsonException)
        {
            return ParseOutcome.Fail("malformed JSON");
        }
    }

    private ParseOutcome Read(UlogdFields f)
    {
        if (f.String("oob.prefix", out var prefix) is { } e1) return ParseOutcome.Fail(e1);
        if (!prefix.Trim().StartsWith(_prefix, StringComparison.Ordinal))
            return ParseOutcome.Fail("not an OP25B record");
        if (f.String("dvc", out var router) is { } e2) return ParseOutcome.Fail(e2);
        if (f.Integer("oob.time.sec", 0, 253402300799, out var sec) is { } e3) return ParseOutcome.Fail(e3);
        if (f.Integer("oob.time.usec", 0, 999999, out var usec) is { } e4) return ParseOutcome.Fail(e4);
        if (f.Integer("oob.family", 0, 255, out var family) is { } e5) return ParseOutcome.Fail(e5);
        if (f.Address("src_ip", out var source) is { } e6) return ParseOutcome.Fail(e6);
        if (f.Address("dest_ip", out var destination) is { } e7) return ParseOutcome.Fail(e7);
        if (f.Integer("src_port", 0, 65535, out var sport) is { } e8) return ParseOutcome.Fail(e8);
        if (f.Integer("dest_port", 1, 65535, out var dport) is { } e9) return ParseOutcome.Fail(e9);
        if (f.Integer("ip.protocol", 0, 255, out var protocol) is { } e10) return ParseOutcome.Fail(e10);

        // oob.family is the NFPROTO value: 2 for IPv4, 10 for IPv6.
        var expected = family switch
        {
            2 => AddressFamily.InterNetwork,
            10 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unknown,
        };
        if (expected == AddressFamily.Unknown)
            return ParseOutcome.Fail($"field 'oob.family' has unknown value {family}");
        if (source.AddressFamily != expected || destination.AddressFamily != expected)
            return ParseOutcome.Fail("field 'oob.family' disagrees with the addresses");
        if (string.IsNullOrWhiteSpace(router))
            return ParseOutcome.Fail("field 'dvc' is empty");

        var at = DateTimeOffset.FromUnixTimeSeconds(sec).AddTicks(usec * 10);
        var protocolName = protocol switch { 6 => "tcp", 17 => "udp", _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, source, (int)sport, destination, (int)dport, protocolName, AttemptAction.Dropped));
    }
}

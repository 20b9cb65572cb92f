using System.Net;
using System.Text.Json;
using Op25b.Core.Ingest;

namespace Op25b.Core.Tests.Ingest;

public sealed class IngestRecordValidatorTests
{
    private static (IngestAttempt? Attempt, string? Error) Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        IngestRecordValidator.TryValidate(document.RootElement, out var attempt, out var error);
        return (attempt, error);
    }

    private static string With(string fields) =>
        "{" + string.Join(",", new[]
        {
            "\"occurredAt\":\"2026-05-01T12:00:00+09:00\"", "\"router\":\"edge-1\"", "\"sourceIp\":\"198.51.100.7\"",
            "\"destinationIp\":\"203.0.113.25\"", "\"destinationPort\":25",
        }.Where(f => !fields.Contains(f.Split(':')[0])).Append(fields).Where(f => f.Length > 0)) + "}";

    [Fact]
    public void A_minimal_record_gets_the_defaults_and_a_utc_timestamp()
    {
        var (attempt, error) = Validate(With(""));

        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 3, 0, 0, TimeSpan.Zero), attempt!.OccurredAt);
        Assert.Equal(TimeSpan.Zero, attempt.OccurredAt.Offset);
        Assert.Equal(IPAddress.Parse("198.51.100.7"), attempt.SourceIp);
        Assert.Null(attempt.SourcePort);
        Assert.Equal(("tcp", 1, "dropped"), (attempt.Protocol, attempt.Packets, attempt.Action));
        Assert.Null(attempt.EventId);
    }

    [Theory]
    [InlineData("\"destinationPort\":70000", "destinationPort: 70000 is not a port (1–65535)")]
    [InlineData("\"destinationPort\":0", "destinationPort: 0 is not a port (1–65535)")]
    [InlineData("\"sourcePort\":-1", "sourcePort: -1 is not a port (0–65535)")]
    [InlineData("\"sourceIp\":\"x\"", "sourceIp: 'x' is not an IP address")]
    [InlineData("\"sourceIp\":\"10\"", "sourceIp: '10' is not an IP address")]
    [InlineData("\"sourceIp\":\"1.2.3\"", "sourceIp: '1.2.3' is not an IP address")]
    [InlineData("\"sourceIp\":\"010.0.0.1\"", "sourceIp: '010.0.0.1' is not an IP address")]
    [InlineData("\"sourceIp\":\"fe80::1%eth0\"", "sourceIp: 'fe80::1%eth0' is not an IP address")]
    [InlineData("\"occurredAt\":\"2026-05-01T12:00:00\"", "occurredAt: '2026-05-01T12:00:00' is not an RFC 3339 timestamp with an offset (e.g. 2026-05-01T12:00:00Z)")]
    [InlineData("\"occurredAt\":null", "occurredAt: required")]
    [InlineData("\"router\":\"\"", "router: required")]
    [InlineData("\"packets\":0", "packets: 0 is not a packet count (≥ 1)")]
    [InlineData("\"packets\":\"3\"", "packets: expected an integer, got string '3'")]
    [InlineData("\"destinationPort\":25.5", "destinationPort: '25.5' is not an integer")]
    [InlineData("\"action\":\"allowed\"", "action: 'allowed' is not one of dropped, rejected, permitted")]
    [InlineData("\"colour\":\"red\"", "colour: unknown field")]
    public void An_invalid_field_is_named_in_the_error(string field, string expected)
    {
        var (attempt, error) = Validate(With(field));

        Assert.Null(attempt);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_record_without_required_fields_lists_each_of_them()
    {
        var (_, error) = Validate("{}");

        Assert.Equal("occurredAt: required; router: required; sourceIp: required; destinationIp: required; destinationPort: required", error);
    }

    [Fact]
    public void A_router_name_over_100_characters_is_refused()
    {
        var (_, error) = Validate(With($"\"router\":\"{new string('r', 101)}\""));

        Assert.Equal("router: is 101 characters, at most 100 allowed", error);
    }

    [Fact]
    public void An_ipv4_mapped_ipv6_source_is_stored_as_ipv4_and_matches_an_ipv4_destination()
    {
        var (attempt, error) = Validate(With("\"sourceIp\":\"::ffff:198.51.100.7\""));

        Assert.Null(error);
        Assert.Equal(IPAddress.Parse("198.51.100.7"), attempt!.SourceIp);
    }

    [Fact]
    public void Source_and_destination_of_different_families_are_refused()
    {
        var (_, error) = Validate(With("\"destinationIp\":\"2001:db8::25\""));

        Assert.Equal("destinationIp: '2001:db8::25' is not the same address family as sourceIp '198.51.100.7'", error);
    }

    [Fact]
    public void A_value_that_is_not_an_object_is_refused()
    {
        var (_, error) = Validate("[1]");

        Assert.Equal("record: expected a JSON object, got an array", error);
    }

    [Fact]
    public void Csv_text_fields_parse_numbers_and_treat_empty_cells_as_absent()
    {
        var fields = new Dictionary<string, string>
        {
            ["occurredAt"] = "2026-05-01T12:00:00.123Z", ["router"] = "edge-1", ["sourceIp"] = "198.51.100.7",
            ["sourcePort"] = "", ["destinationIp"] = "203.0.113.25", ["destinationPort"] = "587", ["packets"] = "",
        };

        Assert.True(IngestRecordValidator.TryValidate(fields, out var attempt, out var error), error);
        Assert.Equal(587, attempt.DestinationPort);
        Assert.Null(attempt.SourcePort);
        Assert.Equal(1, attempt.Packets);
        Assert.Equal(123, attempt.OccurredAt.Millisecond);
    }
}

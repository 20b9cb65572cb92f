using System.Net;
using System.Net.Sockets;
using Op25b.Core.Addressing;

namespace Op25b.Core.Tests.Addressing;

public sealed class PrefixParserTests
{
    [Theory]
    [InlineData("198.51.100.0/24", "198.51.100.0/24")]
    [InlineData("203.0.113.128/25", "203.0.113.128/25")]
    [InlineData("100.64.0.0/10", "100.64.0.0/10")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:db8:1200::/56", "2001:db8:1200::/56")]
    [InlineData("2001:DB8:1200:0000::/56", "2001:db8:1200::/56")]
    [InlineData("::/0", "::/0")]
    [InlineData("  198.51.100.0/24\t", "198.51.100.0/24")]
    public void Valid_prefix_is_accepted_in_its_canonical_form(string text, string canonical)
    {
        Assert.True(PrefixParser.TryParsePrefix(text, out var prefix, out var error), error);
        Assert.Equal(canonical, prefix.ToString());
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7/32")]
    [InlineData("203.0.113.255", "203.0.113.255/32")]
    [InlineData("2001:db8::25", "2001:db8::25/128")]
    [InlineData("2001:db8:1200:1::1", "2001:db8:1200:1::1/128")]
    public void Bare_address_is_a_single_host_prefix(string text, string expected)
    {
        Assert.True(PrefixParser.TryParsePrefix(text, out var prefix, out var error), error);
        Assert.Equal(expected, prefix.ToString());
    }

    [Theory]
    [InlineData("192.0.2.1/24", "192.0.2.0/24")]
    [InlineData("198.51.100.130/25", "198.51.100.128/25")]
    [InlineData("100.64.1.0/10", "100.64.0.0/10")]
    [InlineData("203.0.113.7/0", "0.0.0.0/0")]
    [InlineData("2001:db8:1234::/32", "2001:db8::/32")]
    [InlineData("2001:db8:1200:ff::/56", "2001:db8:1200::/56")]
    [InlineData("2001:db8::1/64", "2001:db8::/64")]
    public void Prefix_with_host_bits_set_names_the_prefix_that_was_meant(string text, string meant)
    {
        Assert.False(PrefixParser.TryParsePrefix(text, out _, out var error));
        Assert.Contains("host bits set", error);
        Assert.Contains($"did you mean {meant}?", error);
    }

    [Theory]
    [InlineData("198.51.100.0/33", 32)]
    [InlineData("198.51.100.0/128", 32)]
    [InlineData("2001:db8::/129", 128)]
    [InlineData("198.51.100.0/x", 32)]
    [InlineData("2001:db8::/x", 128)]
    [InlineData("198.51.100.0/-1", 32)]
    [InlineData("198.51.100.0/+24", 32)]
    [InlineData("198.51.100.0/", 32)]
    [InlineData("198.51.100.0/ 24", 32)]
    [InlineData("198.51.100.0/24/24", 32)]
    [InlineData("198.51.100.0/24.0", 32)]
    [InlineData("198.51.100.0/99999999999", 32)]
    public void Invalid_prefix_length_is_refused_with_the_allowed_range(string text, int maxLength)
    {
        Assert.False(PrefixParser.TryParsePrefix(text, out _, out var error));
        Assert.Contains("invalid prefix length", error);
        Assert.Contains($"0–{maxLength}", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_prefix_is_refused_with_an_example(string? text)
    {
        Assert.False(PrefixParser.TryParsePrefix(text, out _, out var error));
        Assert.Contains("required", error);
        Assert.Contains("198.51.100.0/24", error);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("hello/24")]
    [InlineData("/24")]
    [InlineData("198.51.100.256/32")]
    [InlineData("198.51.100.0.0/24")]
    [InlineData("198.51.100/24")]
    [InlineData("10/8")]
    [InlineData("2001:db8::g/64")]
    [InlineData("2001:db8:::/48")]
    [InlineData("198.51.100.0\\24")]
    public void Garbage_is_refused_as_not_an_address(string text)
    {
        Assert.False(PrefixParser.TryParsePrefix(text, out _, out var error));
        Assert.Contains("is not a valid IPv4 or IPv6 address", error);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1.2.3")]
    [InlineData("198.51")]
    [InlineData("3325256704")] // 198.51.100.0 as one 32-bit number
    public void Shorthand_ipv4_forms_are_refused(string text)
    {
        Assert.False(PrefixParser.TryParseAddress(text, out _, out var error));
        Assert.Contains($"'{text}' is not a valid IPv4 or IPv6 address", error);
    }

    [Theory]
    [InlineData("198.051.100.7")]   // octal: would silently become 198.41.100.7
    [InlineData("010.0.0.1")]       // octal: would silently become 8.0.0.1
    [InlineData("0xc6.51.100.7")]   // hex
    [InlineData("198.51.100.0x7")]  // hex
    [InlineData("198.51.100.07")]   // leading zero: ambiguous between decimal and octal
    public void Octal_and_hex_ipv4_components_are_refused_rather_than_read_as_another_address(string text)
    {
        Assert.False(PrefixParser.TryParseAddress(text, out _, out var error));
        Assert.Contains("is not a valid IPv4 or IPv6 address", error);
        Assert.False(PrefixParser.TryParsePrefix(text + "/32", out _, out _));
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData(" 203.0.113.0 ", "203.0.113.0")]
    [InlineData("100.64.0.1", "100.64.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("2001:db8::25", "2001:db8::25")]
    public void Plain_address_is_accepted(string text, string expected)
    {
        Assert.True(PrefixParser.TryParseAddress(text, out var address, out var error), error);
        Assert.Equal(IPAddress.Parse(expected), address);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:c633:6407", "198.51.100.7")]
    [InlineData("::FFFF:203.0.113.9", "203.0.113.9")]
    public void Ipv4_mapped_ipv6_address_is_normalised_to_ipv4(string text, string ipv4)
    {
        Assert.True(PrefixParser.TryParseAddress(text, out var address, out var error), error);
        Assert.Equal(AddressFamily.InterNetwork, address.AddressFamily);
        Assert.Equal(IPAddress.Parse(ipv4), address);
    }

    [Fact]
    public void Ipv4_mapped_address_as_a_prefix_is_an_ipv4_host()
    {
        Assert.True(PrefixParser.TryParsePrefix("::ffff:198.51.100.7", out var prefix, out var error), error);
        Assert.Equal("198.51.100.7/32", prefix.ToString());
    }

    [Theory]
    [InlineData("fe80::1%1")]
    [InlineData("fe80::1%0")]
    [InlineData("2001:db8::1%no-such-interface")]
    [InlineData("2001:db8::1%")]
    public void Address_with_a_scope_id_is_refused(string text)
    {
        Assert.False(PrefixParser.TryParseAddress(text, out _, out var error));
        Assert.Contains("is not a valid IPv4 or IPv6 address", error);
        Assert.False(PrefixParser.TryParsePrefix(text + "/128", out _, out _));
    }

    [Theory]
    [InlineData("[2001:db8::1]")]
    [InlineData("[2001:db8::1]:25")]
    public void Bracketed_ipv6_with_or_without_a_port_is_refused(string text)
    {
        Assert.False(PrefixParser.TryParseAddress(text, out _, out var error));
        Assert.Contains("is not a valid IPv4 or IPv6 address", error);
    }
}

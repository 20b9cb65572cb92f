using Op25b.Routers.Ssh;

namespace Op25b.Routers.Tests.Ssh;

public sealed class PinTests
{
    private const string Fingerprint = "550uHygHWsCrJMpOBx8ndv2yZ74DBm3tBAVUEqMbCS4";

    [Theory]
    [InlineData(Fingerprint)]
    [InlineData("SHA256:" + Fingerprint)]
    [InlineData(Fingerprint + "=")]
    public void A_pin_written_as_ssh_keygen_prints_it_matches_what_SSH_NET_presents(string pin)
    {
        Assert.True(HostKeyPin.Matches(pin, Fingerprint));
    }

    [Fact]
    public void A_pin_differing_only_in_case_does_not_match()
    {
        Assert.False(HostKeyPin.Matches(Fingerprint.ToLowerInvariant(), Fingerprint));
    }

    [Fact]
    public void A_link_local_address_without_a_known_interface_is_refused_before_connecting()
    {
        var error = Assert.Throws<RouterConnectionException>(() => RouterAddress.ForSshNet("fe80::2%no-such-if0"));

        Assert.Contains("without a known interface", error.Message);
        Assert.Throws<RouterConnectionException>(() => RouterAddress.ForSshNet("fe80::2"));
    }

    [Fact]
    public void A_scoped_link_local_address_is_passed_with_its_interface_index()
    {
        Assert.Equal("fe80::2%1", RouterAddress.ForSshNet("fe80::2%lo"));
        Assert.Equal("router.example.net", RouterAddress.ForSshNet("router.example.net"));
    }
}

using Op25b.Routers.Nftables;

namespace Op25b.Routers.Tests.Nftables;

public sealed class PushResultTests
{
    [Fact]
    public void Router_output_is_trimmed_and_capped_at_16_KB_with_a_visible_mark()
    {
        var huge = "\n" + new string('x', 100_000) + "\n";

        var capped = PushResult.Cap(huge);

        Assert.Equal(16 * 1024, capped.Length);
        Assert.EndsWith("[output truncated]", capped);
        Assert.Equal("Error: syntax error", PushResult.Cap("  Error: syntax error\n"));
    }
}

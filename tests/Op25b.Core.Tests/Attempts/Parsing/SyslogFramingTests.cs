using System.Text;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class SyslogFramingTests
{
    private const string First = "<4>1 2026-11-28T03:10:00Z r1 kernel - - - OP25B-DROP SRC=198.51.100.23";
    private const string Second = "<4>Nov 28 03:10:00 r1 kernel: line with\nembedded LF";
    private const string Third = "<4>Nov 28 03:10:01 r1 kernel: é non-ASCII";

    // Octet counting, LF framing with CRLF, and octet counting again carrying an embedded LF.
    private static readonly byte[] Stream = Encoding.UTF8.GetBytes(
        $"{Encoding.UTF8.GetByteCount(First)} {First}{Third}\r\n{Encoding.UTF8.GetByteCount(Second)} {Second}");

    private static List<FramedMessage> FeedInPieces(SyslogFraming framing, byte[] bytes, params int[] cuts)
    {
        var frames = new List<FramedMessage>();
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            frames.AddRange(framing.Feed(bytes.AsSpan(start, cut - start)));
            start = cut;
        }
        return frames;
    }

    [Fact]
    public void Mixed_framings_in_one_stream_are_cut_correctly()
    {
        var frames = new SyslogFraming().Feed(Stream);

        Assert.Equal([First, Third, Second], frames.Select(f => f.Text));
    }

    [Fact]
    public void Frames_split_at_every_byte_boundary_come_out_whole()
    {
        for (var cut = 0; cut <= Stream.Length; cut++)
        {
            var framing = new SyslogFraming();
            var frames = FeedInPieces(framing, Stream, cut);

            Assert.Equal([First, Third, Second], frames.Select(f => f.Text));
            Assert.False(framing.HasPartialFrame);
        }
    }

    [Fact]
    public void Frames_fed_one_byte_at_a_time_come_out_whole()
    {
        var framing = new SyslogFraming();
        var frames = FeedInPieces(framing, Stream, Enumerable.Range(1, Stream.Length - 1).ToArray());

        Assert.Equal([First, Third, Second], frames.Select(f => f.Text));
    }

    [Fact]
    public void A_frame_cut_mid_way_is_held_until_the_rest_arrives()
    {
        var framing = new SyslogFraming();

        Assert.Empty(framing.Feed("<4>partial"u8));
        Assert.True(framing.HasPartialFrame);
        Assert.Equal(["<4>partial line"], framing.Feed(" line\n"u8).Select(f => f.Text));
    }

    [Fact]
    public void An_over_long_lf_frame_is_reported_and_the_stream_resyncs_at_the_next_lf()
    {
        var framing = new SyslogFraming(maxFrameLength: 16);
        var bytes = Encoding.ASCII.GetBytes(new string('x', 40) + "\n<4>next\n");

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var frames = FeedInPieces(new SyslogFraming(16), bytes, cut);

            Assert.Equal(2, frames.Count);
            Assert.Equal("frame too long", frames[0].Error);
            Assert.Equal("<4>next", frames[1].Text);
        }
        Assert.Equal(2, framing.Feed(bytes).Count);
    }

    [Fact]
    public void An_over_long_octet_count_is_reported_without_buffering_the_frame()
    {
        var frames = new SyslogFraming(maxFrameLength: 100).Feed("101 <4>huge...\n12 <4>Nov small"u8);

        Assert.Equal("frame too long", frames[0].Error);
        Assert.Equal("<4>Nov small", frames[1].Text);
    }

    [Fact]
    public void An_absurd_octet_count_is_refused_before_it_overflows()
    {
        var frames = new SyslogFraming().Feed("99999999999999999999 x\n<4>ok\n"u8);

        Assert.Equal("frame too long", frames[0].Error);
        Assert.Equal("<4>ok", frames[1].Text);
    }

    [Fact]
    public void A_malformed_octet_count_is_reported()
    {
        var frames = new SyslogFraming().Feed("12x <4>oops\n<4>ok\n"u8);

        Assert.Equal("malformed octet count", frames[0].Error);
        Assert.Equal("<4>ok", frames[1].Text);
    }

    [Fact]
    public void Invalid_utf8_is_reported_not_replaced()
    {
        var frames = new SyslogFraming().Feed([(byte)'<', (byte)'4', (byte)'>', 0xC3, 0x28, (byte)'\n']);

        Assert.Equal("frame is not valid UTF-8", Assert.Single(frames).Error);
    }

    [Fact]
    public void Blank_lines_between_frames_are_ignored()
    {
        var frames = new SyslogFraming().Feed("\n\r\n<4>a\n\n<4>b\n"u8);

        Assert.Equal(["<4>a", "<4>b"], frames.Select(f => f.Text));
    }
}

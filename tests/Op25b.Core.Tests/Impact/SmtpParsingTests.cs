using Op25b.Core.Impact;

namespace Op25b.Core.Tests.Impact;

public sealed class SmtpParsingTests
{
    [Theory]
    [InlineData("220 mail.example.jp ESMTP ready", 220, true, "mail.example.jp ESMTP ready")]
    [InlineData("250-PIPELINING", 250, false, "PIPELINING")]
    [InlineData("250 OK", 250, true, "OK")]
    [InlineData("554", 554, true, "")]
    public void Reply_lines_give_code_continuation_and_text(string line, int code, bool last, string text)
    {
        Assert.True(SmtpReplyLine.TryParse(line, out var reply));
        Assert.Equal(new SmtpReplyLine(code, last, text), reply);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request")]
    [InlineData("SSH-2.0-OpenSSH_9.2")]
    [InlineData("22")]
    [InlineData("220x")]
    [InlineData("999 what")]
    [InlineData("")]
    public void Anything_that_is_not_an_smtp_reply_line_is_refused(string line) =>
        Assert.False(SmtpReplyLine.TryParse(line, out _));

    [Fact]
    public void Ehlo_capabilities_report_starttls_and_the_auth_mechanisms_including_the_old_auth_equals_form()
    {
        var caps = EhloCapabilities.From(["mail.example.jp Hello", "PIPELINING", "SIZE 35882577", "STARTTLS", "AUTH PLAIN LOGIN", "AUTH=LOGIN", "8BITMIME"]);
        Assert.True(caps.StartTls);
        Assert.True(caps.Auth);
        Assert.Equal(["PLAIN", "LOGIN"], caps.AuthMechanisms);

        var bare = EhloCapabilities.From(["mx.example.net", "PIPELINING", "8BITMIME"]);
        Assert.False(bare.StartTls);
        Assert.False(bare.Auth);
        Assert.Empty(bare.AuthMechanisms);
    }
}

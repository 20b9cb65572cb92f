namespace Op25b.Core.Impact;

/// <summary>
/// One line of an SMTP reply (RFC 5321 §4.2): three digits, then '-' when more lines follow or
/// ' ' (or nothing) on the last line, then text. Anything else is not SMTP.
/// </summary>
public readonly record struct SmtpReplyLine(int Code, bool IsLast, string Text)
{
    public static bool TryParse(string line, out SmtpReplyLine reply)
    {
        reply = default;
        if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
            return false;
        if (line[0] is < '2' or > '5')
            return false;
        if (line.Length > 3 && line[3] is not (' ' or '-'))
            return false;
        var code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        reply = new SmtpReplyLine(code, line.Length == 3 || line[3] == ' ', line.Length > 4 ? line[4..] : "");
        return true;
    }
}

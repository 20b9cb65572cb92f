using System.Text;
using Op25b.Core.Impact;

namespace Op25b.Routers.Smtp;

/// <summary>The server answered with something that is not an SMTP reply.</summary>
internal sealed class NotSmtpException(string message) : Exception(message);

/// <summary>
/// Reads SMTP replies and writes commands on a stream, with hard limits on line length and
/// reply size: the probe talks to whatever host an operator names, which may send anything.
/// </summary>
internal sealed class SmtpConversation(Stream stream)
{
    /// <summary>RFC 5321 §4.5.3.1.5 caps a reply line at 512 octets; allow slack for sloppy servers.</summary>
    private const int MaxLineBytes = 2048;
    private const int MaxReplyLines = 100;

    private readonly byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    public Stream Stream { get; set; } = stream;

    public async Task<(int Code, IReadOnlyList<string> Lines)> ReadReplyAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        while (true)
        {
            var text = await ReadLineAsync(ct);
            if (!SmtpReplyLine.TryParse(text, out var line) || (lines.Count > 0 && line.Code != CodeOf(lines)))
                throw new NotSmtpException($"not an SMTP reply: \"{Printable(text)}\"");
            lines.Add(text);
            if (line.IsLast)
                return (line.Code, lines.Select(l => l.Length > 4 ? l[4..] : "").ToList());
            if (lines.Count >= MaxReplyLines)
                throw new NotSmtpException($"a reply of more than {MaxReplyLines} lines");
        }
    }

    public async Task SendAsync(string command, CancellationToken ct)
    {
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);
        await Stream.FlushAsync(ct);
    }

    /// <summary>After STARTTLS nothing read before the handshake may be used (RFC 3207 §4.2, the command-injection rule).</summary>
    public void DiscardBuffered() => _start = _end = 0;

    private static int CodeOf(List<string> lines) => int.Parse(lines[0].AsSpan(0, 3));

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await Stream.ReadAsync(_buffer, ct);
                if (_end == 0)
                    throw new EndOfStreamException("the server closed the connection");
            }
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            line.AddRange(_buffer.AsSpan(_start, take));
            if (line.Count > MaxLineBytes)
                throw new NotSmtpException($"a line longer than {MaxLineBytes} bytes");
            _start += take;
            if (newline >= 0)
            {
                _start++;
                return Encoding.Latin1.GetString(line.ToArray()).TrimEnd('\r');
            }
        }
    }

    /// <summary>Shown to the operator: control and non-ASCII bytes escaped, cut to a readable length.</summary>
    public static string Printable(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Length > 80 ? text[..80] : text)
            sb.Append(c is >= ' ' and <= '~' ? c : $"\\x{(int)c:x2}");
        return sb.ToString();
    }
}

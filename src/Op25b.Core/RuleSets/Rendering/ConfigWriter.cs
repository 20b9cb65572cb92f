using System.Net;
using System.Text;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Writes artifact text to a stream with LF line endings whatever the host OS (AppendLine would
/// use CRLF on Windows, and the rule-set hash is over these bytes). The per-prefix lines of the
/// renderers are written in pieces (<see cref="Indent"/>, <see cref="Text(ReadOnlySpan{char})"/>,
/// <see cref="Prefix"/>, <see cref="End"/>), so a 200k-entry artifact allocates no string per line.
/// </summary>
internal sealed class ConfigWriter(Stream output, string indentUnit) : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StreamWriter _text = new(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true);

    public ConfigWriter Line(string line = "") => Line(0, line);

    public ConfigWriter Line(int depth, string line)
    {
        if (line.Length > 0)
            Indent(depth);
        return Text(line).End();
    }

    public ConfigWriter Indent(int depth)
    {
        for (var i = 0; i < depth; i++)
            _text.Write(indentUnit);
        return this;
    }

    public ConfigWriter Text(ReadOnlySpan<char> text)
    {
        _text.Write(text);
        return this;
    }

    public ConfigWriter Text(long number)
    {
        Span<char> digits = stackalloc char[20];
        number.TryFormat(digits, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return Text(digits[..written]);
    }

    /// <summary>The prefix as <see cref="IPNetwork.ToString"/> writes it, without the string.</summary>
    public ConfigWriter Prefix(IPNetwork prefix)
    {
        Span<char> text = stackalloc char[64];
        return prefix.TryFormat(text, out var written) ? Text(text[..written]) : Text(prefix.ToString());
    }

    public ConfigWriter Address(IPAddress address)
    {
        Span<char> text = stackalloc char[64];
        return address.TryFormat(text, out var written) ? Text(text[..written]) : Text(address.ToString());
    }

    public ConfigWriter End()
    {
        _text.Write('\n');
        return this;
    }

    /// <summary>Flushes what is buffered; the stream itself stays open.</summary>
    public void Dispose() => _text.Dispose();
}

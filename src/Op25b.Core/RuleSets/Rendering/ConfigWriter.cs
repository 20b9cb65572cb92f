using System.Text;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Builds artifact text with LF line endings whatever the host OS (AppendLine would use CRLF on
/// Windows, and the rule-set hash is over these bytes).
/// </summary>
internal sealed class ConfigWriter(string indentUnit)
{
    private readonly StringBuilder _text = new();

    public ConfigWriter Line(string line = "") => Line(0, line);

    public ConfigWriter Line(int depth, string line)
    {
        for (var i = 0; i < depth && line.Length > 0; i++)
            _text.Append(indentUnit);
        _text.Append(line).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();
}

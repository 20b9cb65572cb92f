using System.Text;

namespace Op25b.Api.Tests.Deployment;

/// <summary>One nginx directive: its name, its arguments and, for a block, the directives inside.</summary>
public sealed record NginxDirective(string Name, IReadOnlyList<string> Arguments, IReadOnlyList<NginxDirective> Block)
{
    public IEnumerable<NginxDirective> All(string name) => Block.Where(d => d.Name == name);

    public NginxDirective Single(string name) => Assert.Single(All(name));

    /// <summary>Every directive of that name at any depth below this one.</summary>
    public IEnumerable<NginxDirective> Descendants(string name) =>
        Block.SelectMany(d => (d.Name == name ? [d] : Enumerable.Empty<NginxDirective>()).Concat(d.Descendants(name)));
}

/// <summary>
/// Reads nginx's configuration syntax (directives end with ';' or a '{ … }' block, '#' starts a
/// comment, single or double quotes group an argument) into a tree, so tests can check what the
/// proxy does instead of matching text. No includes or variables are expanded.
/// </summary>
public static class NginxConfig
{
    public static NginxDirective Parse(string text)
    {
        using var tokens = Tokens(text).GetEnumerator();
        var block = ReadBlock(tokens, topLevel: true);
        return new NginxDirective("", [], block);
    }

    private static List<NginxDirective> ReadBlock(IEnumerator<string> tokens, bool topLevel)
    {
        var block = new List<NginxDirective>();
        var words = new List<string>();
        while (tokens.MoveNext())
        {
            switch (tokens.Current)
            {
                case ";":
                    block.Add(Directive(words, []));
                    break;
                case "{":
                    block.Add(Directive(words, ReadBlock(tokens, topLevel: false)));
                    break;
                case "}":
                    if (topLevel || words.Count > 0)
                        throw new FormatException("unexpected '}'");
                    return block;
                default:
                    words.Add(tokens.Current);
                    break;
            }
        }
        if (!topLevel || words.Count > 0)
            throw new FormatException("unexpected end of file: a block or directive is not closed");
        return block;
    }

    private static NginxDirective Directive(List<string> words, List<NginxDirective> block)
    {
        if (words.Count == 0)
            throw new FormatException("a ';' or '{' without a directive name");
        var directive = new NginxDirective(words[0], words.Skip(1).ToList(), block);
        words.Clear();
        return directive;
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                    throw new FormatException("unterminated quoted string");
                yield return text[(i + 1)..end];
                i = end;
                continue;
            }
            if (c == '#' || char.IsWhiteSpace(c) || c is ';' or '{' or '}')
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                if (c == '#')
                    i = text.IndexOf('\n', i) is var eol and >= 0 ? eol : text.Length;
                else if (!char.IsWhiteSpace(c))
                    yield return c.ToString();
                continue;
            }
            word.Append(c);
        }
        if (word.Length > 0)
            yield return word.ToString();
    }
}

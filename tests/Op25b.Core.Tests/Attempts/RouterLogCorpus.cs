using System.Globalization;
using System.Net;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.Attempts;

/// <summary>One line of the router log corpus (Attempts/Corpus) with what must become of it.</summary>
public sealed record CorpusEntry(string File, int LineNumber, string Citation, string Expectation, string Line)
{
    public bool IsAttempt => Expectation.StartsWith("attempt", StringComparison.Ordinal);
    public bool IsRefused => Expectation == "refused";
    /// <summary>The skip reason (other-list, permitted, not-tcp, not-port-25, not-packet-log), or null.</summary>
    public string? SkipReason => Expectation.StartsWith("skip reason=", StringComparison.Ordinal) ? Expectation["skip reason=".Length..] : null;

    private string Field(string key) => Expectation.Split(' ').Single(f => f.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

    public IPAddress Source => IPAddress.Parse(Field("src"));
    public int SourcePort => int.Parse(Field("sport"), CultureInfo.InvariantCulture);
    public IPAddress Destination => IPAddress.Parse(Field("dst"));
    public int DestinationPort => int.Parse(Field("dport"), CultureInfo.InvariantCulture);
    public int Packets => int.Parse(Field("packets"), CultureInfo.InvariantCulture);

    public DateTimeOffset At(DateTimeOffset received) =>
        Field("at") == "received" ? received : DateTimeOffset.Parse(Field("at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override string ToString() => $"{File}:{LineNumber}";
}

/// <summary>One vendor family's corpus file: the router context its lines arrive in, and the lines.</summary>
public sealed record CorpusFile(string Name, Platform Platform, string Zone, DateTimeOffset Received, string Channel, IReadOnlyList<CorpusEntry> Entries)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static IReadOnlyList<CorpusFile> All() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.txt").Order(StringComparer.Ordinal).Select(Load)];

    public static CorpusFile Load(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var directives = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<CorpusEntry>();
        string? citation = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            if (raw.StartsWith('@'))
            {
                var space = raw.IndexOf(' ');
                directives[raw[1..space]] = raw[(space + 1)..].Trim();
            }
            else if (raw.StartsWith('#'))
                citation = raw.TrimStart('#', ' ');
            else if (raw.Length > 0)
            {
                var tab = raw.IndexOf('\t');
                if (tab < 0)
                    throw new InvalidDataException($"{name}:{number}: an entry is EXPECTATION<TAB>LINE");
                entries.Add(new CorpusEntry(name, number, citation ?? "", raw[..tab], raw[(tab + 1)..]));
                citation = null;
            }
        }
        if (!Platforms.TryParse(directives["platform"], out var platform))
            throw new InvalidDataException($"{name}: unknown platform");
        return new CorpusFile(name, platform, directives["zone"],
            DateTimeOffset.Parse(directives["received"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), directives["channel"], entries);
    }
}

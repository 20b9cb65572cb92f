namespace Op25b.OpsUi.Resources;

/// <summary>Anchor type of the console's one resource file pair (ConsoleText.resx, ConsoleText.ja.resx).</summary>
public sealed class ConsoleText;

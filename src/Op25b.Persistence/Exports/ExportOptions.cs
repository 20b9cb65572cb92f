namespace Op25b.Persistence.Exports;

/// <summary>Bound from <c>Exports</c>.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Where export files and their manifests are written (relative paths are under the content root).</summary>
    public string Directory { get; set; } = "data/exports";

    /// <summary>Exports estimated above this many rows run as a background job instead of streaming back.</summary>
    public long AsyncRowThreshold { get; set; } = 100_000;

    /// <summary>How long a finished export can be downloaded through its link.</summary>
    public int DownloadLinkHours { get; set; } = 24;

    /// <summary>
    /// CSV text cells starting with =, +, -, @, tab or CR get a leading apostrophe (OWASP CSV
    /// injection): auditors open these files in Excel. Off only for a consumer that needs raw text.
    /// </summary>
    public bool NeutraliseCsvFormulas { get; set; } = true;
}

using Microsoft.Extensions.Options;
using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports;

/// <summary>Where export files and their manifest sidecars live on disk.</summary>
public sealed class ExportFiles(IOptions<ExportOptions> options)
{
    public string Directory => Path.GetFullPath(options.Value.Directory);

    public static string FileNameFor(ExportFile export) =>
        $"{export.Type}-{export.Id}-{export.Token[..8]}.{ExportFormats.Name(export.Format)}";

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static string ManifestNameFor(string fileName) => fileName + ".manifest.json";

    public void Delete(string? fileName)
    {
        if (fileName is null)
            return;
        File.Delete(PathOf(fileName));
        File.Delete(PathOf(ManifestNameFor(fileName)));
    }
}

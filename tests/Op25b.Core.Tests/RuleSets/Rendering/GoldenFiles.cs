using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.RuleSets.Rendering;

/// <summary>
/// Golden files live in the source tree (golden/&lt;case&gt;.&lt;platform&gt;.&lt;ext&gt;), found by walking
/// up to Admin.sln, so the files reviewers read are the files the tests compare against.
/// To accept a deliberate change of output, run the tests once with UPDATE_GOLDEN=1: the files
/// are rewritten from the current renderers; review the diff by eye before committing it.
/// </summary>
internal static class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static string Directory { get; } = Path.Combine(
        RepositoryRoot(), "tests", "Op25b.Core.Tests", "RuleSets", "Rendering", "golden");

    public static string PathFor(string caseName, IRuleSetRenderer renderer) =>
        Path.Combine(Directory, $"{caseName}.{renderer.Platform.Name()}.{renderer.FileExtension}");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Admin.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Admin.sln not found above {AppContext.BaseDirectory}; golden files are read from the source tree.");
    }
}

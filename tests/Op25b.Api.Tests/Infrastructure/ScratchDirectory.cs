namespace Op25b.Api.Tests.Infrastructure;

/// <summary>
/// A temporary folder that exists for one fixture or test and is deleted with everything in it
/// when disposed: a test run must leave nothing in the temp directory (the run's own check in
/// tests/run.sh counts what is left as a failure).
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"op25b-{Guid.NewGuid():N}")).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}

using Microsoft.Extensions.Logging;
using Op25b.Core.Audit;

namespace Op25b.Persistence.Audit;

/// <summary>
/// This host's append-only checkpoint file beside the key: after every committed append batch, one
/// MAC'd line with the new head, and the same line in the log. Each host writes its own file, so
/// hosts sharing one PostgreSQL never contend for it; every checkpoint of every host is at or below
/// the shared chain head, so another host's appends are never mistaken for a truncation.
/// </summary>
public sealed class AuditCheckpointLog(AuditOptions options, AuditKeyStore keys, TimeProvider clock, ILogger<AuditCheckpointLog> logger)
{
    private static readonly Lock Gate = new();

    public string FilePath => options.CheckpointFile ?? throw new InvalidOperationException("Audit:CheckpointFile is not resolved.");

    /// <summary>
    /// Called only after the batch committed: a checkpoint of an entry that was rolled back would
    /// later read as a truncation. A crash between commit and this line only leaves the checkpoint behind.
    /// </summary>
    public void Append(long sequence, string hash)
    {
        var line = AuditCheckpoint.Create(sequence, hash, clock.GetUtcNow(), options.HostId, keys.Keyring.Current).ToLine();
        logger.LogInformation("audit checkpoint {Checkpoint}", line);
        try
        {
            lock (Gate)
                AppendLine(line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The batch is committed: failing the request now would report a saved change as failed.
            logger.LogError(e, "Could not append the audit checkpoint to {CheckpointFile}; it is only in the log line above", FilePath);
        }
    }

    private void AppendLine(string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var append = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
            append.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(FilePath, append);
        // One write of the whole line: with O_APPEND, lines of two processes on this host never interleave.
        // No fsync (about 6 ms here, on every audited request): a power loss can only lose the newest
        // checkpoints, which makes the evidence older, never a false alarm; a process crash loses nothing.
        file.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
    }

    /// <summary>
    /// This host's file and every other host's beside it: where hosts share the data directory (as
    /// replicas sharing a volume do), each checks them all; elsewhere only its own is there.
    /// </summary>
    public IEnumerable<string> FilesBeside()
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        var beside = Directory.Exists(directory) ? Directory.GetFiles(directory, AuditOptions.CheckpointFilePattern) : [];
        return beside.Append(FilePath).Distinct().Order(StringComparer.Ordinal);
    }

    /// <summary>The checkpoints of a file (this host's, or another host's copied here); a line that does not parse is returned as null with its number.</summary>
    public static IEnumerable<(int Line, AuditCheckpoint? Checkpoint)> Read(string path)
    {
        if (!File.Exists(path))
            yield break;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length > 0)
                yield return (number, AuditCheckpoint.Parse(line));
        }
    }
}

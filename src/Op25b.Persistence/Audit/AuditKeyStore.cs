using Microsoft.Extensions.Logging;
using Op25b.Core.Audit;

namespace Op25b.Persistence.Audit;

/// <summary>
/// The audit keyring, from configuration (<c>Audit:Key</c> and <c>Audit:PreviousKeys</c>) or from the
/// key file: one base64 key per line, oldest first, the last one sealing. The file is created with a
/// fresh random key on first use, readable by its owner only (0600). It is re-read when it changes, so
/// a key added by <c>audit rotate-key</c> in another process seals and verifies here without a restart.
/// </summary>
public sealed class AuditKeyStore(AuditOptions options, ILogger<AuditKeyStore> logger)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Header = "# OP25B audit keyring: one base64 key per line, oldest first; the last one seals new entries. Never delete a line.";

    private readonly Lock _gate = new();
    private AuditKeyring? _keyring;
    private (DateTime WrittenAt, long Length) _loadedVersion;

    public string KeyFile => options.KeyFile ?? throw new InvalidOperationException("Audit:KeyFile is not resolved.");

    public AuditKeyring Keyring
    {
        get
        {
            lock (_gate)
            {
                if (options.KeyFromConfiguration)
                    return _keyring ??= FromConfiguration();
                if (!File.Exists(KeyFile))
                    Create();
                var version = (File.GetLastWriteTimeUtc(KeyFile), new FileInfo(KeyFile).Length);
                if (_keyring is null || version != _loadedVersion)
                    (_keyring, _loadedVersion) = (Read(), version);
                return _keyring;
            }
        }
    }

    /// <summary>Adds a new key that seals from now on; older keys stay so their entries keep verifying.</summary>
    public AuditKey Rotate()
    {
        if (options.KeyFromConfiguration)
            throw new InvalidOperationException(
                "The audit key comes from configuration (Audit:Key): put a new key there and move the old one to Audit:PreviousKeys.");
        lock (_gate)
        {
            var keys = Keyring.Keys.Append(AuditKey.Generate()).ToList();
            Write(keys, overwrite: true);
            _keyring = null;
            return keys[^1];
        }
    }

    private AuditKeyring FromConfiguration() =>
        new(options.PreviousKeys.Append(options.Key!).Select(k => AuditKey.FromSecret(Convert.FromBase64String(k.Trim()))).ToList());

    private AuditKeyring Read()
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(KeyFile) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0)
            logger.LogWarning("The audit key file {KeyFile} can be read by others than its owner; make it 0600", KeyFile);
        var keys = File.ReadAllLines(KeyFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => AuditKey.FromSecret(Convert.FromBase64String(l))).ToList();
        if (keys.Count == 0)
            throw new InvalidOperationException($"The audit key file {KeyFile} holds no key.");
        return new AuditKeyring(keys);
    }

    private void Create()
    {
        Write([AuditKey.Generate()], overwrite: false);
        logger.LogWarning("Created the audit key file {KeyFile}: keep a copy outside this host, since entries sealed with it verify only with it", KeyFile);
    }

    /// <summary>Written whole to a new 0600 file and renamed into place: a reader never sees half a keyring.</summary>
    private void Write(IEnumerable<AuditKey> keys, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        var temporary = $"{KeyFile}.{Guid.NewGuid():N}.tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = OwnerOnly;
        using (var file = new FileStream(temporary, create))
        using (var writer = new StreamWriter(file))
        {
            writer.WriteLine(Header);
            foreach (var key in keys)
                writer.WriteLine(Convert.ToBase64String(key.Secret));
            writer.Flush();
            file.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temporary, KeyFile, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(KeyFile))
        {
            // Another process created it first: use theirs.
            File.Delete(temporary);
        }
    }
}

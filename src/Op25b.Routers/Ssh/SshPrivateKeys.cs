using Renci.SshNet;

namespace Op25b.Routers.Ssh;

public static class SshPrivateKeys
{
    /// <summary>
    /// Whether SSH.NET can load the key. An unsupported type (DSA, a PuTTY file), a passphrase it
    /// lacks or plain garbage each throw a different exception type from SSH.NET; here they are
    /// all just "not usable", decided before any connection is tried.
    /// </summary>
    public static bool IsUsable(byte[] key)
    {
        try
        {
            using var stream = new MemoryStream(key, writable: false);
            (new PrivateKeyFile(stream) as IDisposable)?.Dispose();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}

namespace Op25b.Routers.Ssh;

/// <summary>
/// How to reach one router's sshd. <paramref name="HostKeySha256"/> is the pinned host key
/// fingerprint as OpenSSH prints it after "SHA256:" (unpadded base64), which is also what
/// SSH.NET's <c>HostKeyEventArgs.FingerPrintSHA256</c> returns; a "SHA256:" prefix or "="
/// padding in the configured value is tolerated. <paramref name="Host"/> may be a name, an
/// address, or an IPv6 link-local address with its zone (<c>fe80::2%eth1</c>).
/// </summary>
public sealed record RouterEndpoint(string Host, int Port, string User, string PrivateKeyPath, string HostKeySha256)
{
    public override string ToString() => $"{User}@{Host} port {Port}";
}

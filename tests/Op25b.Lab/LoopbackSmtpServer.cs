using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Op25b.Lab;

/// <summary>
/// A real TCP listener on 127.0.0.1 (ephemeral port) that plays one server behaviour per
/// connection: enough ESMTP for the probe (EHLO, STARTTLS, QUIT), optionally behind implicit TLS,
/// or silence, or garbage. Started and stopped by the test itself; nothing leaves loopback.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Stream, CancellationToken, Task> _behaviour;
    private readonly Task _accepting;

    private LoopbackSmtpServer(Func<Stream, CancellationToken, Task> behaviour)
    {
        _behaviour = behaviour;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A submission server: STARTTLS offered, AUTH only after TLS (as Postfix's smtpd_tls_auth_only does).</summary>
    public static LoopbackSmtpServer Submission(X509Certificate2 certificate) => new((s, ct) => EsmtpAsync(s, certificate, authBeforeTls: false, ct));

    /// <summary>Port 465: TLS from the first byte, then ESMTP with AUTH.</summary>
    public static LoopbackSmtpServer ImplicitTls(X509Certificate2 certificate) => new(async (s, ct) =>
    {
        var tls = new SslStream(s);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
        await EsmtpAsync(tls, null, authBeforeTls: true, ct);
    });

    /// <summary>Plain ESMTP without STARTTLS or AUTH, e.g. an MX host answering on the wrong port.</summary>
    public static LoopbackSmtpServer PlainMx() => new((s, ct) => EsmtpAsync(s, null, authBeforeTls: false, ct, advertiseAuth: false));

    /// <summary>Accepts and never says a word (a tarpit, or a half-dead server).</summary>
    public static LoopbackSmtpServer Silent() => new((_, ct) => Task.Delay(Timeout.Infinite, ct));

    /// <summary>Something that is not SMTP answers on the port.</summary>
    public static LoopbackSmtpServer Garbage() => new(async (s, ct) =>
    {
        await s.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1\r\n\u0001\u0002\u00ff binary junk\r\n"), ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>Greets with a refusal.</summary>
    public static LoopbackSmtpServer Unwelcoming() => new(async (s, ct) =>
    {
        await s.WriteAsync(Encoding.ASCII.GetBytes("554 5.7.1 no service for you\r\n"), ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>A port on loopback where nothing listens: connecting is refused at once.</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static X509Certificate2 SelfSignedCertificate(string name = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by the TLS server on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                    try
                    {
                        await _behaviour(client.GetStream(), _stop.Token);
                    }
                    catch (Exception)
                    {
                        // The probe hangs up whenever it likes; that is not this server's failure.
                    }
            });
        }
    }

    private static async Task EsmtpAsync(Stream stream, X509Certificate2? startTls, bool authBeforeTls, CancellationToken ct, bool advertiseAuth = true)
    {
        var tls = false;
        var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        await Write(stream, "220 loopback.test ESMTP ready", ct);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            if (verb == "EHLO")
            {
                var lines = new List<string> { "loopback.test greets you", "PIPELINING", "SIZE 10240000" };
                if (startTls is not null && !tls)
                    lines.Add("STARTTLS");
                if (advertiseAuth && (authBeforeTls || tls))
                    lines.Add("AUTH PLAIN LOGIN");
                lines.Add("8BITMIME");
                await Write(stream, string.Join("\r\n", lines.Select((l, i) => (i == lines.Count - 1 ? "250 " : "250-") + l)), ct);
            }
            else if (verb == "STARTTLS" && startTls is not null && !tls)
            {
                await Write(stream, "220 2.0.0 go ahead", ct);
                var secure = new SslStream(stream);
                await secure.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = startTls }, ct);
                (stream, tls) = (secure, true);
                reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
            }
            else if (verb == "QUIT")
            {
                await Write(stream, "221 2.0.0 bye", ct);
                return;
            }
            else
                await Write(stream, "502 5.5.2 not implemented", ct);
        }
    }

    private static async Task Write(Stream stream, string reply, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct);
        await stream.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

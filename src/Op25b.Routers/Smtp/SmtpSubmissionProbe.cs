using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Op25b.Core;
using Op25b.Core.Impact;

namespace Op25b.Routers.Smtp;

/// <summary>
/// "Would this customer's mail server accept a submission?" Connects to the submission ports of
/// a named host (587 with STARTTLS, 465 with implicit TLS) at the same time, each under a strict
/// deadline, and reports per port what answered: banner, EHLO capabilities, STARTTLS, AUTH and its
/// mechanisms, the TLS certificate. Never throws for what the remote side does (refused, silent,
/// garbage, broken TLS): that is the answer. Only a bad or forbidden target is the caller's error.
/// </summary>
public sealed class SmtpSubmissionProbe(SmtpProbeOptions options)
{
    public async Task<SmtpProbeReport> ProbeAsync(string host, CancellationToken ct)
    {
        var address = await ResolveAsync(host, ct);
        var target = host.Trim('[', ']');
        var ports = await Task.WhenAll(
            ProbePortAsync(target, address, options.SubmissionPort, SmtpProbeMode.StartTls, ct),
            ProbePortAsync(target, address, options.ImplicitTlsPort, SmtpProbeMode.ImplicitTls, ct));
        return new SmtpProbeReport(host, address.ToString(), ports);
    }

    /// <summary>
    /// Resolves once and connects to that address, so a name cannot pass the target check and then
    /// resolve to an internal address for the connection (DNS rebinding). Every address the name
    /// has must be allowed: a name with one public and one internal address is refused.
    /// </summary>
    private async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
    {
        if (!ProbeTargetRules.IsHostSyntax(host))
            throw new DomainRuleViolation(ViolationKind.Invalid, "host", $"'{host}' is not a host name or IP address (give the name only: no scheme, port or path).");
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            addresses = [literal];
        else
        {
            using var deadline = Deadline(ct);
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, deadline.Token);
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                throw new DomainRuleViolation(ViolationKind.Invalid, "host", $"'{host}' could not be resolved: {e.Message}");
            }
        }
        if (addresses.Length == 0)
            throw new DomainRuleViolation(ViolationKind.Invalid, "host", $"'{host}' has no address.");
        foreach (var a in addresses)
            if (ProbeTargetRules.Refusal(a, options.AllowInternalTargets) is { } why)
                throw new DomainRuleViolation(ViolationKind.Invalid, "host", $"'{host}' may not be probed: {why}");
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }

    private async Task<SmtpPortReport> ProbePortAsync(string host, IPAddress address, int port, SmtpProbeMode mode, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var session = new PortSession(port, mode);
        using var deadline = Deadline(ct);
        try
        {
            await ConverseAsync(host, address, session, deadline.Token);
        }
        catch (Exception) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Whatever the pending call threw when the deadline closed its socket, the cause is the deadline.
            session.Fail(SmtpProbeOutcome.TimedOut, $"no complete answer within {options.TimeoutSeconds:0.#} s");
        }
        catch (SocketException e)
        {
            session.Fail(e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => SmtpProbeOutcome.Refused,
                SocketError.TimedOut => SmtpProbeOutcome.TimedOut,
                SocketError.ConnectionReset or SocketError.ConnectionAborted => SmtpProbeOutcome.Closed,
                _ => SmtpProbeOutcome.Unreachable,
            }, e.Message);
        }
        catch (AuthenticationException e)
        {
            session.Fail(mode == SmtpProbeMode.ImplicitTls && session.Banner is null ? SmtpProbeOutcome.NotSmtp : SmtpProbeOutcome.TlsFailed,
                $"TLS handshake failed: {e.Message}");
        }
        catch (NotSmtpException e)
        {
            session.Fail(SmtpProbeOutcome.NotSmtp, e.Message);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
            session.Fail(e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? SmtpProbeOutcome.Refused : SmtpProbeOutcome.Closed,
                e.InnerException?.Message ?? e.Message);
        }
        return session.Report(watch.ElapsedMilliseconds);
    }

    private async Task ConverseAsync(string host, IPAddress address, PortSession session, CancellationToken ct)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // Cancelling the token closes the socket, which ends any pending read or handshake as well.
        await using var closeOnCancel = ct.Register(socket.Dispose);
        await socket.ConnectAsync(new IPEndPoint(address, session.Port), ct);
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        await using var _ = stream;
        if (session.Mode == SmtpProbeMode.ImplicitTls)
            stream = await HandshakeAsync(stream, host, session, ct);
        var smtp = new SmtpConversation(stream);

        var (greeting, banner) = await smtp.ReadReplyAsync(ct);
        session.Banner = string.Join(" | ", banner.Select(SmtpConversation.Printable));
        if (greeting != 220)
        {
            session.Fail(SmtpProbeOutcome.Rejected, $"the server greeted with {greeting}");
            return;
        }
        if (!await EhloAsync(smtp, session, ct))
            return;

        if (session.Mode == SmtpProbeMode.StartTls && session.StartTlsOffered)
        {
            await smtp.SendAsync("STARTTLS", ct);
            var (ready, _) = await smtp.ReadReplyAsync(ct);
            if (ready != 220)
            {
                session.Fail(SmtpProbeOutcome.TlsFailed, $"STARTTLS was offered but answered {ready}");
                return;
            }
            smtp.DiscardBuffered();
            smtp.Stream = await HandshakeAsync(smtp.Stream, host, session, ct);
            // Servers commonly offer AUTH only over TLS: what they say after the upgrade counts.
            if (!await EhloAsync(smtp, session, ct))
                return;
        }
        await smtp.SendAsync("QUIT", ct);
        session.Outcome = SmtpProbeOutcome.Ok;
    }

    private async Task<bool> EhloAsync(SmtpConversation smtp, PortSession session, CancellationToken ct)
    {
        await smtp.SendAsync($"EHLO {options.EhloName}", ct);
        var (code, lines) = await smtp.ReadReplyAsync(ct);
        if (code != 250)
        {
            session.Fail(SmtpProbeOutcome.Rejected, $"EHLO was answered with {code}");
            return false;
        }
        var caps = EhloCapabilities.From(lines);
        session.StartTlsOffered |= caps.StartTls;
        session.AuthOffered = caps.Auth;
        session.AuthMechanisms = caps.AuthMechanisms;
        return true;
    }

    /// <summary>Accepts any certificate so that the conversation can go on, and reports whether it would have been trusted.</summary>
    private static async Task<Stream> HandshakeAsync(Stream inner, string host, PortSession session, CancellationToken ct)
    {
        var problems = SslPolicyErrors.None;
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            RemoteCertificateValidationCallback = (_, _, _, errors) =>
            {
                problems = errors;
                return true;
            },
        }, ct);
        var certificate = tls.RemoteCertificate is { } c ? X509CertificateLoader.LoadCertificate(c.GetRawCertData()) : null;
        session.Tls = new TlsReport(true, problems == SslPolicyErrors.None, problems == SslPolicyErrors.None ? null : problems.ToString(),
            certificate?.Subject, certificate is null ? null : new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), tls.SslProtocol.ToString());
        return tls;
    }

    private CancellationTokenSource Deadline(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        return cts;
    }

    private sealed class PortSession(int port, SmtpProbeMode mode)
    {
        public int Port { get; } = port;
        public SmtpProbeMode Mode { get; } = mode;
        public SmtpProbeOutcome? Outcome { get; set; }
        public string? Detail { get; private set; }
        public string? Banner { get; set; }
        public bool StartTlsOffered { get; set; }
        public bool AuthOffered { get; set; }
        public IReadOnlyList<string> AuthMechanisms { get; set; } = [];
        public TlsReport? Tls { get; set; }

        public void Fail(SmtpProbeOutcome outcome, string detail)
        {
            Outcome ??= outcome;
            Detail ??= detail;
        }

        public SmtpPortReport Report(long elapsed) => new(Port, Mode, Outcome ?? SmtpProbeOutcome.Closed, Banner, StartTlsOffered, AuthOffered,
            AuthMechanisms, Tls, elapsed, Detail);
    }
}

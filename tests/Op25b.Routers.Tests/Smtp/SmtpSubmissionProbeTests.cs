using System.Diagnostics;
using Op25b.Core;
using Op25b.Lab;
using Op25b.Routers.Smtp;

namespace Op25b.Routers.Tests.Smtp;

/// <summary>The probe against real listeners on loopback: a submission server, implicit TLS, silence, refusal, garbage.</summary>
public sealed class SmtpSubmissionProbeTests
{
    private static SmtpSubmissionProbe Probe(int submission, int implicitTls, double timeoutSeconds = 5) => new(new SmtpProbeOptions
    {
        SubmissionPort = submission, ImplicitTlsPort = implicitTls, TimeoutSeconds = timeoutSeconds, AllowInternalTargets = true,
    });

    [Fact]
    public async Task A_real_submission_server_reports_starttls_auth_after_tls_and_the_implicit_tls_certificate()
    {
        using var certificate = LoopbackSmtpServer.SelfSignedCertificate();
        await using var submission = LoopbackSmtpServer.Submission(certificate);
        await using var implicitTls = LoopbackSmtpServer.ImplicitTls(certificate);

        var report = await Probe(submission.Port, implicitTls.Port).ProbeAsync("localhost", CancellationToken.None);

        Assert.Equal("127.0.0.1", report.Address);
        var (p587, p465) = (report.Ports[0], report.Ports[1]);
        Assert.Equal((submission.Port, SmtpProbeMode.StartTls, SmtpProbeOutcome.Ok), (p587.Port, p587.Mode, p587.Outcome));
        Assert.Contains("loopback.test ESMTP ready", p587.Banner);
        Assert.True(p587.StartTlsOffered);
        Assert.True(p587.AuthOffered, "AUTH is offered after STARTTLS and must be reported");
        Assert.Equal(["PLAIN", "LOGIN"], p587.AuthMechanisms);
        Assert.True(p587.Tls!.Established);

        Assert.Equal((SmtpProbeMode.ImplicitTls, SmtpProbeOutcome.Ok), (p465.Mode, p465.Outcome));
        Assert.False(p465.StartTlsOffered);
        Assert.True(p465.AuthOffered);
        Assert.True(p465.Tls!.Established);
        Assert.False(p465.Tls.CertificateValid, "a self-signed certificate is not trusted");
        Assert.Contains("RemoteCertificateChainErrors", p465.Tls.CertificateProblems);
        Assert.Equal("CN=localhost", p465.Tls.Subject);
        Assert.NotNull(p465.Tls.NotAfter);
    }

    [Fact]
    public async Task A_plain_mx_without_starttls_or_auth_is_reported_as_such()
    {
        await using var mx = LoopbackSmtpServer.PlainMx();
        var report = await Probe(mx.Port, LoopbackSmtpServer.ClosedPort()).ProbeAsync("127.0.0.1", CancellationToken.None);
        var p587 = report.Ports[0];
        Assert.Equal(SmtpProbeOutcome.Ok, p587.Outcome);
        Assert.False(p587.StartTlsOffered);
        Assert.False(p587.AuthOffered);
        Assert.Null(p587.Tls);
        Assert.Equal(SmtpProbeOutcome.Refused, report.Ports[1].Outcome);
    }

    [Fact]
    public async Task Silent_servers_time_out_per_port_within_the_deadline_and_nothing_hangs()
    {
        await using var silent587 = LoopbackSmtpServer.Silent();
        await using var silent465 = LoopbackSmtpServer.Silent();
        var watch = Stopwatch.StartNew();
        var report = await Probe(silent587.Port, silent465.Port, timeoutSeconds: 1).ProbeAsync("127.0.0.1", CancellationToken.None);
        Assert.All(report.Ports, p => Assert.Equal(SmtpProbeOutcome.TimedOut, p.Outcome));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the probe took {watch.Elapsed}: the ports must be probed at once, each within its deadline");
    }

    [Fact]
    public async Task Refused_ports_are_reported_at_once()
    {
        var report = await Probe(LoopbackSmtpServer.ClosedPort(), LoopbackSmtpServer.ClosedPort()).ProbeAsync("127.0.0.1", CancellationToken.None);
        Assert.All(report.Ports, p => Assert.Equal(SmtpProbeOutcome.Refused, p.Outcome));
        Assert.All(report.Ports, p => Assert.True(p.ElapsedMilliseconds < 1000));
    }

    [Fact]
    public async Task Garbage_and_a_plain_server_on_the_tls_port_are_not_smtp_and_a_554_greeting_is_rejected()
    {
        await using var garbage = LoopbackSmtpServer.Garbage();
        await using var plainOn465 = LoopbackSmtpServer.PlainMx();
        var report = await Probe(garbage.Port, plainOn465.Port).ProbeAsync("127.0.0.1", CancellationToken.None);
        Assert.Equal(SmtpProbeOutcome.NotSmtp, report.Ports[0].Outcome);
        Assert.Contains("SSH-2.0", report.Ports[0].Detail);
        Assert.Equal(SmtpProbeOutcome.NotSmtp, report.Ports[1].Outcome);

        await using var unwelcoming = LoopbackSmtpServer.Unwelcoming();
        var rejected = await Probe(unwelcoming.Port, LoopbackSmtpServer.ClosedPort()).ProbeAsync("127.0.0.1", CancellationToken.None);
        Assert.Equal(SmtpProbeOutcome.Rejected, rejected.Ports[0].Outcome);
        Assert.Contains("554", rejected.Ports[0].Detail);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("10.0.0.25")]
    [InlineData("[::1]")]
    public async Task With_the_production_setting_internal_targets_are_refused_before_any_connection(string host)
    {
        var production = new SmtpSubmissionProbe(new SmtpProbeOptions());
        var error = await Assert.ThrowsAsync<DomainRuleViolation>(() => production.ProbeAsync(host, CancellationToken.None));
        Assert.Equal((ViolationKind.Invalid, "host"), (error.Kind, error.Field));
        Assert.Contains("may not be probed", error.Message);
    }

    [Theory]
    [InlineData("smtp.example.jp:587")]
    [InlineData("https://smtp.example.jp/")]
    [InlineData("")]
    public async Task Anything_but_a_bare_host_is_refused(string host)
    {
        var error = await Assert.ThrowsAsync<DomainRuleViolation>(() => Probe(587, 465).ProbeAsync(host, CancellationToken.None));
        Assert.Equal("host", error.Field);
    }

    [Theory]
    [InlineData("::127.0.0.1")]
    [InlineData("::ffff:0:127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("fec0::1")]
    [InlineData("010.0.0.1")]
    public async Task IPv6_spellings_of_internal_addresses_are_refused_and_no_connection_reaches_a_loopback_listener(string host)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var production = new SmtpSubmissionProbe(new SmtpProbeOptions { SubmissionPort = port, ImplicitTlsPort = port, TimeoutSeconds = 2 });

        var error = await Assert.ThrowsAsync<DomainRuleViolation>(() => production.ProbeAsync(host, CancellationToken.None));

        Assert.Equal("host", error.Field);
        await Task.Delay(200);
        Assert.False(listener.Pending(), $"{host} reached the loopback listener");
    }
}

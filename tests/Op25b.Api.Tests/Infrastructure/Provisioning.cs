using System.Net;
using System.Net.Http.Json;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>Sets up subscribers the way a provisioning system would, through the API.</summary>
public static class Provisioning
{
    public static string NewExternalId() => $"CRM-{Guid.NewGuid().ToString("N")[..10]}";

    public static async Task<string> SubscriberAsync(HttpClient crm, string product = "static-business", params string[] prefixes)
    {
        var id = NewExternalId();
        await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{id}", new { displayName = "株式会社テスト", productCode = product }))
            .ExpectAsync(HttpStatusCode.Created);
        foreach (var prefix in prefixes)
            await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{id}/assignments", new { prefix }))
                .ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    /// <summary>Registers a router under a fresh name, as a network admin would; ingest accepts only lines of registered routers.</summary>
    /// <param name="syslogSource">The address its syslog comes from (listeners take lines only from registered sources).</param>
    public static async Task<string> RouterAsync(HttpClient networkAdmin, string platform = "junos", string? syslogSource = null)
    {
        var name = $"bng-{Guid.NewGuid().ToString("N")[..6]}";
        await (await networkAdmin.PutAsJsonAsync($"/api/v1/routers/{name}", new
        {
            platform, routerGroup = "ingest", managementHost = "2001:db8:ff00::1", sshUser = "op25b", credentialRef = "vault-bng",
            hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
            syslogSources = syslogSource is null ? Array.Empty<string>() : [syslogSource],
        })).ExpectAsync(HttpStatusCode.Created);
        return name;
    }

    /// <summary>The pool that every <see cref="UniqueV4Prefix"/> lies in (shared address space, inside the test address space).</summary>
    public const string UniqueV4Pool = "100.124.0.0/15";

    /// <summary>A fresh, unique /29 of <see cref="UniqueV4Pool"/> per call, so tests in one database never collide.</summary>
    public static string UniqueV4Prefix()
    {
        var n = Interlocked.Increment(ref _counter);
        return $"100.{124 + n / 8192 % 2}.{n / 32 % 256}.{n % 32 * 8}/29";
    }

    public static string UniqueV6Prefix()
    {
        var n = Interlocked.Increment(ref _counter);
        return $"2001:db8:{n:x}00::/56";
    }

    private static int _counter;
}

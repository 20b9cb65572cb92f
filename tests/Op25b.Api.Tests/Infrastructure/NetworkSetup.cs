using System.Net;
using System.Net.Http.Json;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>Registers routers the way a network engineer would, through the API.</summary>
public static class NetworkSetup
{
    /// <summary>
    /// An export-mode (Junos) router "&lt;group&gt;-mx" in a new group with one pool: compiles and
    /// deploys never need SSH, so nothing leaves the machine.
    /// </summary>
    public static async Task<string> ExportRouterGroupAsync(HttpClient net)
    {
        var group = $"g{Guid.NewGuid().ToString("N")[..8]}";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{group}-mx", new
        {
            platform = "junos", routerGroup = group, managementHost = "2001:db8:ff00::11", managementPort = 22, sshUser = "op25b",
            credentialRef = "file:/nonexistent/op25b-test-key", hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = Provisioning.UniqueV4Pool })).ExpectAsync(HttpStatusCode.Created);
        return group;
    }
}

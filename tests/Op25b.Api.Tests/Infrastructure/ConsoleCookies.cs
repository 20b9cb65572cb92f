using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>
/// Signs in to the console over plain HTTP, as a browser's form post does, and hands back the
/// cookies: a test can then replay a copy of the sign-in cookie the way a thief would.
/// </summary>
public static partial class ConsoleCookies
{
    public const string Password = "correct horse battery staple";

    public static HttpClient Client(WebApplicationFactory<Program> host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Returns the Cookie header value that carries the sign-in and the anti-forgery cookie.</summary>
    public static async Task<string> SignInAsync(HttpClient client, string user, string password = Password)
    {
        var (antiforgery, token) = await FormTokenAsync(client, "/ops/login", null);
        var response = await PostFormAsync(client, "/ops/login", antiforgery, token, new() { ["Name"] = user, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {user} answered {(int)response.StatusCode}.");
        return $"{antiforgery}; {CookiesOf(response)}";
    }

    /// <summary>Fetches a page and returns its anti-forgery cookie pair and form token.</summary>
    public static async Task<(string Cookie, string Token)> FormTokenAsync(HttpClient client, string path, string? cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookies is not null)
            request.Headers.Add("Cookie", cookies);
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var token = TokenField().Match(html).Groups[1].Value;
        var fresh = CookiesOf(response);
        return (fresh.Length > 0 ? fresh : cookies ?? "", token);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string cookies, string token,
        Dictionary<string, string> fields)
    {
        fields["__csrf"] = token;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    /// <summary>GETs a console page with the given cookies; true when the page itself answers, false when sent to the login.</summary>
    public static async Task<bool> OpensAsync(HttpClient client, string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK)
            return true;
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/ops/login"))
            return false;
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).Where(v => !v.EndsWith('='))
            : []);

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

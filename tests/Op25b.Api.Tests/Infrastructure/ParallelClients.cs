using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>One answer of a burst: its status and its body as sent.</summary>
public sealed record Answer(HttpStatusCode Status, string Body, string? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}

/// <summary>
/// Forty clients with one key firing at once, the way a busy provisioning system or a retrying
/// load balancer would: each request gets its own client and they are released together.
/// </summary>
public static class ParallelClients
{
    public const int Count = 40;

    public static async Task<IReadOnlyList<Answer>> BurstAsync(AdminApiFactory api, string key, Func<int, HttpRequestMessage> request)
    {
        var clients = Enumerable.Range(0, Count).Select(_ =>
        {
            var client = api.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
            return client;
        }).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = clients.Select((client, i) => Task.Run(async () =>
        {
            await start.Task;
            using var response = await client.SendAsync(request(i));
            return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        })).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(sends);
        clients.ForEach(c => c.Dispose());
        return answers;
    }

    /// <summary>Every answer has one of the statuses, and every 4xx is a problem document.</summary>
    public static void AssertOnly(IReadOnlyList<Answer> answers, params HttpStatusCode[] allowed)
    {
        var unexpected = answers.Where(a => !allowed.Contains(a.Status)).ToList();
        Assert.True(unexpected.Count == 0,
            $"unexpected answers: {string.Join(" | ", unexpected.Take(3).Select(a => $"{(int)a.Status} {a.Body}"))}");
        Assert.All(answers.Where(a => (int)a.Status >= 400), a => Assert.Equal("application/problem+json", a.ContentType));
    }

    public static int CountOf(this IReadOnlyList<Answer> answers, HttpStatusCode status) => answers.Count(a => a.Status == status);
}

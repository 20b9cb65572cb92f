namespace Op25b.Api.Http;

public sealed class PreconditionFailed(string message) : Exception(message);

/// <summary>Optimistic concurrency over HTTP: the ETag is the row version; a stale If-Match is a 412.</summary>
public static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    public static void Set(HttpContext http, int version) => http.Response.Headers.ETag = Of(version);

    /// <summary>Throws when the client sent If-Match and it names another version. No If-Match means "last write wins".</summary>
    public static void RequireMatch(HttpContext http, int currentVersion)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch) || ifMatch == "*")
            return;
        var current = Of(currentVersion);
        if (!ifMatch.Split(',').Select(t => t.Trim().Replace("W/", "")).Contains(current))
            throw new PreconditionFailed($"If-Match {ifMatch} is stale; the current version is {current}.");
    }
}

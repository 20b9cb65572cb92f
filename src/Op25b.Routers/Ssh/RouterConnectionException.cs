namespace Op25b.Routers.Ssh;

/// <summary>The router could not be reached, did not prove its identity, refused our key, or dropped or timed out a command.</summary>
public sealed class RouterConnectionException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The router answered but is not the one pinned: a security alarm, never worth retrying.</summary>
    public bool IsIdentityFailure { get; init; }
}

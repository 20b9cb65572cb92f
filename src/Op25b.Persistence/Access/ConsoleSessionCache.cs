using System.Collections.Concurrent;
using Op25b.Core.Access;

namespace Op25b.Persistence.Access;

/// <summary>
/// Remembers for a few seconds which session handles the database called active, so a page
/// with its stylesheet and scripts costs one look-up, not one per file. Only positive answers
/// are kept; any revocation made through this host forgets everything at once.
/// </summary>
public sealed class ConsoleSessionCache(TimeProvider clock, ConsoleSessionPolicy policy)
{
    /// <summary>Console users are few; a cache this full means something odd, and starting over is cheap.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _checkedAt = new();

    public bool IsKnownActive(string handleHash) =>
        _checkedAt.TryGetValue(handleHash, out var at) && clock.GetUtcNow() - at < policy.CheckCachedFor;

    public void RememberActive(string handleHash)
    {
        if (_checkedAt.Count >= MaxEntries)
            _checkedAt.Clear();
        _checkedAt[handleHash] = clock.GetUtcNow();
    }

    public void ForgetAll() => _checkedAt.Clear();
}

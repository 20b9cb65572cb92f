using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Op25b.Core.Access;

namespace Op25b.Persistence.Access;

/// <summary>
/// Remembers wrong passwords per (account name, client address) and per account name, the same
/// way for names that exist and names that do not, so neither the answer nor the work tells a
/// stranger which accounts exist. Held in memory: a restart forgets lockouts, which only gives an
/// attacker the few tries a lockout allows again; the per-address rate limit still applies.
/// </summary>
public sealed class SignInThrottle(IPasswordHasher<ConsoleUser> hasher)
{
    /// <summary>Random names sprayed from many addresses must not grow this without end.</summary>
    private const int MaxCounters = 100_000;

    private readonly ConcurrentDictionary<(string Name, string Client), LockoutCounter> _pairs = new();
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _accountFailures = new();

    /// <summary>A hash of a random password, checked for unknown names so that they cost as much as known ones.</summary>
    public string DummyHash { get; } = hasher.HashPassword(
        new ConsoleUser { Name = "", PasswordHash = "", Roles = "", CreatedBy = "" }, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));

    public bool IsLocked(string name, string client, SignInLockout lockout, DateTimeOffset now)
    {
        if (_pairs.TryGetValue(Key(name, client), out var pair))
            lock (pair)
                if (pair.IsLockedAt(now))
                    return true;
        return RecentAccountFailures(name, lockout, now) >= lockout.MaxAccountFailures;
    }

    /// <summary>Counts a wrong password; true when it locks this address out of this account.</summary>
    public bool RecordFailure(string name, string client, SignInLockout lockout, DateTimeOffset now)
    {
        if (_pairs.Count >= MaxCounters)
            Prune(now);
        var failures = _accountFailures.GetOrAdd(name.ToLowerInvariant(), _ => []);
        lock (failures)
            failures.Add(now);
        var pair = _pairs.GetOrAdd(Key(name, client), _ => new LockoutCounter());
        lock (pair)
            return pair.RecordFailure(lockout, now);
    }

    public void RecordSuccess(string name, string client) => _pairs.TryRemove(Key(name, client), out _);

    private int RecentAccountFailures(string name, SignInLockout lockout, DateTimeOffset now)
    {
        if (!_accountFailures.TryGetValue(name.ToLowerInvariant(), out var failures))
            return 0;
        lock (failures)
        {
            failures.RemoveAll(at => at <= now - lockout.Duration);
            return failures.Count;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, counter) in _pairs)
            lock (counter)
                if (!counter.IsLockedAt(now))
                    _pairs.TryRemove(key, out _);
        _accountFailures.Clear();
    }

    private static (string, string) Key(string name, string client) => (name.ToLowerInvariant(), client);
}

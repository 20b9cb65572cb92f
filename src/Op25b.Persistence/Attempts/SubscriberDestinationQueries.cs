using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

public static class SubscriberDestinationQueries
{
    /// <summary>
    /// Mail servers tried at some time between a window's first and last attempt: exact for windows
    /// that end now, an upper bound for a past window when the server was also tried before and after it.
    /// </summary>
    public static IQueryable<SubscriberDestination> TriedWithin(this IQueryable<SubscriberDestination> destinations, DateTimeOffset from, DateTimeOffset to) =>
        destinations.Where(d => d.LastSeen >= from && d.FirstSeen < to);
}

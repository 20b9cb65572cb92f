namespace Op25b.Core.Attempts;

/// <summary>Attempts of one subscriber on one UTC day.</summary>
public sealed record DailyAttemptTotal(long SubscriberId, DateOnly Day, long Attempts, long Packets, int DistinctDestinations);

/// <summary>
/// Folds hourly rollup rows, arriving ordered by subscriber then hour, into per-subscriber-per-day
/// totals, handing each total out as soon as its group is complete. Holds one group at a time (its
/// distinct destinations), so a period of any length streams through in constant memory; the
/// database does only an index scan, no sort and no aggregation.
/// </summary>
public sealed class DailyAttemptTotals
{
    private readonly HashSet<string> _destinations = new(StringComparer.Ordinal);
    private long _subscriber = -1;
    private DateOnly _day;
    private long _attempts;
    private long _packets;

    /// <summary>Adds a rollup row; returns the previous group's total when this row starts a new group.</summary>
    public DailyAttemptTotal? Add(long subscriberId, DateTime hourUtc, string destination, long attempts, long packets)
    {
        var day = DateOnly.FromDateTime(hourUtc);
        DailyAttemptTotal? completed = null;
        if (subscriberId != _subscriber || day != _day)
        {
            completed = Complete();
            (_subscriber, _day) = (subscriberId, day);
        }
        _attempts += attempts;
        _packets += packets;
        _destinations.Add(destination);
        return completed;
    }

    /// <summary>The last group's total, once the rows have run out.</summary>
    public DailyAttemptTotal? Complete()
    {
        if (_subscriber < 0)
            return null;
        var total = new DailyAttemptTotal(_subscriber, _day, _attempts, _packets, _destinations.Count);
        (_subscriber, _attempts, _packets) = (-1, 0, 0);
        _destinations.Clear();
        return total;
    }
}

using System.Data.Common;

namespace Op25b.Persistence.Attempts;

/// <summary>What a statement that inserted or attributed attempts returns: all the rollup needs.</summary>
internal readonly record struct StoredAttempt(DateTimeOffset OccurredAt, long? SubscriberId, string RouterName, string DestinationIp, int Packets)
{
    /// <summary>Reads rows shaped (occurred_at, subscriber_id, router_name, destination_ip, packets) from either provider.</summary>
    public static async Task<List<StoredAttempt>> ReadAllAsync(DbCommand command, CancellationToken ct)
    {
        var rows = new List<StoredAttempt>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new StoredAttempt(
                TimeOf(reader.GetValue(0)),
                reader.IsDBNull(1) ? null : Convert.ToInt64(reader.GetValue(1)),
                reader.GetString(2),
                reader.GetString(3),
                Convert.ToInt32(reader.GetValue(4))));
        return rows;
    }

    /// <summary>SQLite keeps times as UTC ticks (the context's convention); PostgreSQL returns UTC DateTimes.</summary>
    private static DateTimeOffset TimeOf(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset at => at.ToUniversalTime(),
        _ => throw new InvalidOperationException($"Unexpected time value {value.GetType()}."),
    };
}

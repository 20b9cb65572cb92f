using Microsoft.Data.Sqlite;
using Npgsql;

namespace Op25b.Persistence.Integrity;

/// <summary>
/// The database refused a write because another writer got there first: a unique key, an
/// exclusion constraint (one holder per address, one claim per exempted prefix), a trigger
/// that holds the same rule on SQLite, or a serialization failure. These are races the
/// database decided, not bugs, so callers answer them as conflicts (409) or retry.
/// </summary>
public sealed record ConstraintViolation(string Constraint, string Detail)
{
    /// <summary>Named in migrations: the exclusion constraint on PostgreSQL, the trigger's message on SQLite.</summary>
    public const string OneHolderPerAddress = "address_assignments_one_holder";
    public const string OneClaimPerExemptedAddress = "exemption_prefixes_one_claim";

    // SQLITE_CONSTRAINT extended codes: UNIQUE, PRIMARYKEY, TRIGGER (a RAISE(ABORT) in a trigger).
    private static readonly int[] SqliteRaces = [2067, 1555, 1811];

    // unique_violation, exclusion_violation, serialization_failure, deadlock_detected.
    private static readonly string[] PostgresRaces = ["23505", "23P01", "40001", "40P01"];

    /// <summary>Finds the database's refusal anywhere in the exception chain (EF wraps it in DbUpdateException).</summary>
    public static ConstraintViolation? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when PostgresRaces.Contains(pg.SqlState):
                    return new(pg.ConstraintName ?? pg.SqlState, pg.MessageText);
                case SqliteException sqlite when SqliteRaces.Contains(sqlite.SqliteExtendedErrorCode):
                    return new(SqliteConstraintName(sqlite.Message), sqlite.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// "SQLite Error 19: 'UNIQUE constraint failed: subscribers.external_id'." names the columns;
    /// a trigger's RAISE names the rule ("SQLite Error 19: 'address_assignments_one_holder'.").
    /// </summary>
    private static string SqliteConstraintName(string message)
    {
        var start = message.IndexOf('\'');
        var end = message.LastIndexOf('\'');
        var text = start >= 0 && end > start ? message[(start + 1)..end] : message;
        var colon = text.IndexOf("failed: ", StringComparison.Ordinal);
        return colon >= 0 ? text[(colon + "failed: ".Length)..] : text;
    }
}

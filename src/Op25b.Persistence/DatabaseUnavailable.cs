using Microsoft.Data.Sqlite;
using Npgsql;

namespace Op25b.Persistence;

/// <summary>
/// Failures that say "the database cannot do this now, try again" rather than "this request is
/// wrong" or "this is a bug": a lost or refused connection, a server shutting down or starting,
/// a busy SQLite file. Callers turn them into a 503 or keep the work for later, never a 500.
/// </summary>
public static class DatabaseUnavailable
{
    private const int SqliteBusy = 5, SqliteLocked = 6;

    public static bool Is(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                // 57P01–57P03: the server is shutting down, crashed or not yet accepting; 08: connection exceptions.
                case PostgresException p when p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal):
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
            }
        }
        return false;
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Op25b.Persistence;

/// <summary>
/// Runs work registered with <see cref="AdminDbContext.AfterCommit"/> once the transaction it was
/// registered in has committed, and never when it rolled back or was abandoned. For effects outside
/// the database that must not get ahead of it: an audit checkpoint of an entry that then rolls
/// back would later read as truncation.
/// </summary>
internal sealed class AfterCommitInterceptor : DbTransactionInterceptor
{
    public static readonly AfterCommitInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AdminDbContext)?.TransactionEnded(eventData.TransactionId, committed: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AdminDbContext)?.TransactionEnded(eventData.TransactionId, committed: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}

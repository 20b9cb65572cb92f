using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Op25b.Core.Audit;
using Op25b.Core.Exports;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Exports;

/// <summary>
/// Writes one requested export: streams rows from the database through the format writer and a
/// hashing stream into the file (and, for a streamed export, the HTTP response at the same time),
/// then writes the manifest beside it and records the export in the audit trail. Memory stays at
/// one row buffer whatever the size. Safe to run twice: a finished export is returned as it is.
/// </summary>
public sealed class ExportRunner(
    AdminDbContext db, AuditTrail audit, ExportCatalog catalog, ExportFiles files, ExportProgressBoard board,
    DbContextOptions<AdminDbContext> contextOptions, IOptions<ExportOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    public async Task<ExportManifest> RunAsync(long exportId, AuditActor actor, Stream? copyTo, CancellationToken ct)
    {
        var export = await db.ExportFiles.SingleAsync(e => e.Id == exportId, ct);
        if (export.State == ExportState.Succeeded && export.Manifest is not null)
            return ExportManifest.Parse(export.Manifest);

        var source = catalog.Get(export.Type);
        var query = ExportQuery.FromJson(export.Query);
        export.State = ExportState.Running;
        export.StartedAt = clock.GetUtcNow();
        export.FileName = ExportFiles.FileNameFor(export);
        await db.SaveChangesAsync(ct);
        Directory.CreateDirectory(files.Directory);
        var path = files.PathOf(export.FileName);

        ExportRowWriter? writer = null;
        var neutralise = export.Format == ExportFormat.Csv && options.Value.NeutraliseCsvFormulas;
        board.Track(export.Id, () => writer?.Rows ?? 0);
        try
        {
            AuditChainHead head;
            string sha256;
            long bytes;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
            await using (var hashing = new HashingStream(file, copyTo))
            {
                // One snapshot for the chain head and the rows on PostgreSQL: the manifest's head is
                // exactly the trail the rows were read against. (SQLite reads are serialised anyway.)
                await using var tx = db.IsPostgres ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
                head = await ChainHeadAsync(ct);
                writer = ExportRowWriter.Create(export.Format, hashing, source.Columns, export.ByteOrderMark, neutralise);
                using var progress = db.IsPostgres ? PersistProgress(export.Id, () => writer.Rows) : null;
                await source.WriteAsync(query, writer, ct);
                await writer.FlushAsync(ct);
                if (tx is not null)
                    await tx.CommitAsync(ct);
                (sha256, bytes) = (hashing.Sha256(), hashing.BytesWritten);
            }

            var now = clock.GetUtcNow();
            var manifest = new ExportManifest(ExportManifest.CurrentVersion, export.Id, export.Type, ExportFormats.Name(export.Format),
                export.ByteOrderMark, query.ToParameters(), source.Columns, writer.Rows, bytes, sha256, now, export.RequestedBy, head, export.FileName,
                neutralise);
            await File.WriteAllTextAsync(files.PathOf(ExportFiles.ManifestNameFor(export.FileName)), manifest.ToJson(), ct);

            (export.State, export.FinishedAt, export.RowsWritten, export.Sha256, export.ByteCount) = (ExportState.Succeeded, now, writer.Rows, sha256, bytes);
            export.DownloadExpiresAt = now.AddHours(options.Value.DownloadLinkHours);
            export.Manifest = manifest.ToJson();
            audit.Record(actor, new AuditRecord("export.generated", "export", export.Id.ToString(), null, new
            {
                export.Type, manifest.Format, manifest.Query, manifest.RowCount, manifest.Sha256, auditChainHead = head, export.RequestedBy,
            }));
            await audit.SaveAsync(ct);
            return manifest;
        }
        catch (Exception e)
        {
            await FailAsync(export, path, e);
            throw;
        }
        finally
        {
            board.Forget(export.Id);
        }
    }

    private async Task<AuditChainHead> ChainHeadAsync(CancellationToken ct)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new AuditChainHead(e.Sequence, e.Hash)).FirstOrDefaultAsync(ct);
        return head ?? new AuditChainHead(0, AuditChain.GenesisHash);
    }

    /// <summary>The failure is recorded with its reason and the partial file removed; no manifest is ever written for it.</summary>
    private async Task FailAsync(ExportFile export, string path, Exception e)
    {
        File.Delete(path);
        db.ChangeTracker.Clear();
        await using var fresh = new AdminDbContext(contextOptions);
        var row = await fresh.ExportFiles.SingleAsync(x => x.Id == export.Id);
        (row.State, row.FinishedAt, row.RowsWritten) = (ExportState.Failed, clock.GetUtcNow(), board.RowsWritten(export.Id) ?? 0);
        row.Error = e is OperationCanceledException ? "cancelled (the client went away or the job was stopped)" : e.Message[..Math.Min(e.Message.Length, 3900)];
        await fresh.SaveChangesAsync();
    }

    /// <summary>PostgreSQL only: rows written are stored every few seconds through a second connection, for status readers in other processes.</summary>
    private Timer PersistProgress(long exportId, Func<long> rows) => new(_ =>
    {
        try
        {
            using var fresh = new AdminDbContext(contextOptions);
            var written = rows();
            fresh.ExportFiles.Where(x => x.Id == exportId).ExecuteUpdate(s => s.SetProperty(x => x.RowsWritten, written));
        }
        catch (Exception)
        {
            // Progress is a convenience; a missed update must never fail the export.
        }
    }, null, ProgressInterval, ProgressInterval);
}

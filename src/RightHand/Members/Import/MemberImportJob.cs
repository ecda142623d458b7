using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Members.Import;

/// <summary>
/// Runs a dry run or an import in the background. When a worker dies the job runs again; the run continues after
/// the last committed chunk (see <see cref="MemberImportRun"/>). Problems are written in the language of whoever started it.
/// </summary>
internal sealed class MemberImportJob(AppDb db, MemberImportRun run, MemberImportFiles files) : IJobHandler
{
    public const string JobKind = "members.import";

    public sealed record Payload(Guid ImportId, bool DryRun);

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<Payload>();
        var import = await db.MemberImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == payload.ImportId, ct);
        if (import is null) return;
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(import.Culture == "en" ? "en-GB" : "de-DE");
        try
        {
            var done = await run.RunAsync(import.Id, files.PathOf(import.FileSha256), payload.DryRun, percent => context.ReportProgressAsync(percent), ct);
            // An imported file has served its purpose; it holds personal data, so it does not stay in the data folder.
            // The same bytes uploaded again for another import that is not done yet keep it.
            if (!payload.DryRun && done.State == ImportState.Done
                && !await db.MemberImports.AnyAsync(i => i.FileSha256 == import.FileSha256 && i.Id != import.Id && i.State != ImportState.Done, ct))
                files.Delete(import.FileSha256);
        }
        catch (Exception ex) when (context.IsLastAttempt && !ct.IsCancellationRequested)
        {
            // The job gives up; the import must not look as if it were still running.
            db.ChangeTracker.Clear();
            await db.MemberImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.State, ImportState.Failed).SetProperty(i => i.Error, ex.Message.Length > 4000 ? ex.Message[..4000] : ex.Message), ct);
            throw;
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        }
    }
}

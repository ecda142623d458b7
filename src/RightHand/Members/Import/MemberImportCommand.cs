using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Platform.Database;

namespace RightHand.Members.Import;

internal sealed record MemberImportOptions(FileInfo File, bool DryRun, FileInfo? Mapping, ImportKey Key, bool AllOrNothing, string Source);

/// <summary>
/// <c>righthand import members FILE</c>: the same import as the web page, run in this process with progress on
/// standard error and the report on standard output. Exit codes: 0 nothing rejected, 1 rows rejected (or, all or
/// nothing, nothing imported), 2 unusable input (no such file, not a CSV file, a broken mapping). Run again after a
/// crash, the same command continues after the last committed chunk of the same file.
/// </summary>
internal static class MemberImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, MemberImportOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var l = services.GetRequiredService<IStringLocalizer<Texts>>();
        var db = services.GetRequiredService<AppDb>();
        var file = options.File;
        if (!file.Exists)
        {
            await error.WriteLineAsync(l["File: {0} does not exist.", file.FullName]);
            return 2;
        }
        Dictionary<string, string>? mapping = null;
        if (options.Mapping is { } mappingFile)
        {
            mapping = mappingFile.Exists ? ImportColumns.ParseMapping(await File.ReadAllTextAsync(mappingFile.FullName, ct)) : null;
            if (mapping is null)
            {
                await error.WriteLineAsync(l["Mapping file: {0} must hold a JSON object from column header to field, e.g. {{\"Vorname\": \"first_name\"}}.", mappingFile.FullName]);
                return 2;
            }
        }
        var mode = options.AllOrNothing ? ImportMode.AllOrNothing : ImportMode.GoodRows;
        var sha = await MemberImportFiles.HashAsync(file.FullName, ct);
        var import = options.DryRun ? null : await db.MemberImports.AsNoTracking()
            .Where(i => i.FileSha256 == sha && i.SourceName == options.Source && i.State == ImportState.Importing && i.Mode == ImportMode.GoodRows
                        && i.Key == options.Key && i.LastCommittedRow > 0)
            .OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(ct);
        if (import is not null) await error.WriteLineAsync(l["Continuing the interrupted import after row {0}.", import.LastCommittedRow]);
        else
        {
            var imports = services.GetRequiredService<MemberImports>();
            var (opened, created) = await imports.OpenAsync(file.FullName, sha, file.Name, options.Source, mapping, null, ct);
            var set = opened.Succeeded ? await imports.SetOptionsAsync(created!.Id, ImportColumns.FromJson(created.Columns), options.Key, mode, ct) : opened;
            if (!set.Succeeded)
            {
                foreach (var reason in set.Errors) await error.WriteLineAsync(reason);
                return 2;
            }
            import = created!;
        }

        var run = services.GetRequiredService<MemberImportRun>();
        var progress = new Progress(error);
        if (options.DryRun || (mode == ImportMode.AllOrNothing && import.LastCommittedRow == 0))
        {
            var checkedImport = await run.RunAsync(import.Id, file.FullName, dryRun: true, progress.ShowAsync, ct);
            progress.Done();
            if (checkedImport.State == ImportState.Failed) return await FailedAsync(checkedImport, error);
            if (options.DryRun || checkedImport.CheckedBadRows > 0)
            {
                await output.WriteLineAsync(l["Dry run: {0} rows checked, {1} bad.", checkedImport.CheckedRows ?? 0, checkedImport.CheckedBadRows ?? 0]);
                if (!options.DryRun) await output.WriteLineAsync(l["All or nothing: nothing was imported."]);
                await WriteProblemsAsync(db, import.Id, output, ct);
                return checkedImport.CheckedBadRows > 0 ? 1 : 0;
            }
        }
        db.ChangeTracker.Clear();
        var done = await services.GetRequiredService<MemberImportRun>().RunAsync(import.Id, file.FullName, dryRun: false, progress.ShowAsync, ct);
        progress.Done();
        await output.WriteLineAsync(l["Created {0}, updated {1}, unchanged {2}, rejected {3}.", done.Created, done.Updated, done.Unchanged, done.Rejected]);
        await WriteProblemsAsync(db, import.Id, output, ct);
        if (done.State == ImportState.Failed) return await FailedAsync(done, error);
        return done.Rejected == 0 ? 0 : 1;
    }

    private static async Task<int> FailedAsync(MemberImport import, TextWriter error)
    {
        await error.WriteLineAsync(import.Error);
        return 1;
    }

    private static async Task WriteProblemsAsync(AppDb db, Guid id, TextWriter output, CancellationToken ct)
    {
        await foreach (var p in db.MemberImportProblems.AsNoTracking().Where(p => p.ImportId == id).OrderBy(p => p.Row).ThenBy(p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
            await output.WriteLineAsync($"row {p.Row}{(p.Field.Length > 0 ? ", " + p.Field : "")}: {p.Message}");
    }

    /// <summary>A bar redrawn in place on a terminal; plain lines, one per step of ten percent, when standard error goes to a file.</summary>
    private sealed class Progress(TextWriter error)
    {
        private readonly bool terminal = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
        private int shown = -1;

        public async Task ShowAsync(int percent)
        {
            if (terminal)
            {
                await error.WriteAsync($"\r[{new string('#', percent / 5),-20}] {percent,3}%");
                shown = percent;
            }
            else if (percent / 10 != shown / 10)
            {
                await error.WriteLineAsync($"{percent}%");
                shown = percent;
            }
        }

        public void Done()
        {
            if (terminal && shown >= 0) error.WriteLine();
            shown = -1;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Access;
using RightHand.Formats.Csv;
using RightHand.Platform.Database;
using RightHand.Platform.Jobs;

namespace RightHand.Members.Import;

/// <summary>A row of the preview: the member as the row would store them, and what is wrong with the row on its own.</summary>
internal sealed record PreviewRow(int Row, MemberDraft Draft, IReadOnlyList<MemberProblem> Problems);

/// <summary>
/// Bulk import of members: take a file, map its columns (remembered per source), preview it, and start a dry run
/// or the import as a background job (<see cref="MemberImportJob"/>). The command line uses the same steps but runs
/// <see cref="MemberImportRun"/> itself.
/// </summary>
internal sealed class MemberImports(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l, MemberImportFiles files)
{
    public const string CommandLineSource = "command line";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Stores an uploaded file and opens an import of it with the mapping proposed for its source.</summary>
    public async Task<(OperationResult Result, Guid? Id)> UploadAsync(Stream content, string? fileName, string? sourceName, Guid? by, CancellationToken ct = default)
    {
        sourceName = sourceName?.Trim() ?? "";
        if (sourceName.Length is 0 or > 100) return (OperationResult.Fail(l["Source: name where the file comes from, e.g. Shopify (at most 100 characters)."]), null);
        var saved = await files.SaveAsync(content, ct);
        if (saved is null) return (OperationResult.Fail(l["File: at most {0} MB.", MemberImportFiles.MaxBytes / 1024 / 1024]), null);
        var (result, import) = await OpenAsync(files.PathOf(saved.Value.Sha256), saved.Value.Sha256, fileName, sourceName, null, by, ct);
        return (result, import?.Id);
    }

    /// <summary>
    /// Reads the file's header and records the import. <paramref name="mapping"/> (header to target) decides the
    /// columns when given; otherwise the source's saved mapping and the header's names do.
    /// </summary>
    public async Task<(OperationResult Result, MemberImport? Import)> OpenAsync(string path, string sha256, string? fileName, string sourceName,
        IReadOnlyDictionary<string, string>? mapping, Guid? by, CancellationToken ct = default)
    {
        IReadOnlyList<string> header;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var csv = CsvReader.Open(stream);
            if (csv.IsUnreadable)
                return (OperationResult.Fail([.. csv.Problems.Select(p => (string)l[CsvProblem.EnglishFormat(p.Code), [p.Row, p.Column ?? "", .. p.Arguments]])]), null);
            header = csv.Header;
        }
        var custom = await CustomFieldNamesAsync(ct);
        string[] targets;
        if (mapping is not null) targets = [.. header.Select(h => mapping.TryGetValue(h, out var t) ? t : ImportColumns.Ignore)];
        else
        {
            var saved = await db.MemberImportMappings.AsNoTracking().FirstOrDefaultAsync(m => m.SourceName == sourceName, ct);
            targets = ImportColumns.Propose(header, saved is null ? null : ImportColumns.ParseMapping(saved.Mapping), custom);
        }
        var import = new MemberImport
        {
            SourceName = sourceName, FileName = Path.GetFileName(fileName ?? path) is { Length: > 0 and <= 260 } n ? n : "members.csv", FileSha256 = sha256,
            FileSize = new FileInfo(path).Length, Header = JsonSerializer.Serialize(header), Columns = ImportColumns.ToJson(targets),
            Culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "de", StartedBy = by, CreatedAt = Now,
        };
        db.MemberImports.Add(import);
        await db.SaveChangesAsync(ct);
        return (OperationResult.Ok, import);
    }

    /// <summary>Sets columns, key and mode. The source remembers the mapping; a new mapping or key needs a new dry run.</summary>
    public async Task<OperationResult> SetOptionsAsync(Guid id, IReadOnlyList<string> targets, ImportKey key, ImportMode mode, CancellationToken ct = default)
    {
        var import = await db.MemberImports.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (import is null) return OperationResult.Fail(l["This import does not exist."]);
        if (import.State is ImportState.Checking or ImportState.Importing) return OperationResult.Fail(l["The import is running; wait until it has finished."]);
        var header = JsonSerializer.Deserialize<string[]>(import.Header) ?? [];
        var errors = new List<string>();
        if (targets.Count != header.Length) errors.Add(l["Mapping: choose a field for every column."]);
        else errors.AddRange(ImportColumns.Problems(header, targets, key, await CustomFieldNamesAsync(ct), l));
        if (!Enum.IsDefined(key)) errors.Add(l["Key: choose member number or e-mail."]);
        if (!Enum.IsDefined(mode)) errors.Add(l["Mode: choose all or nothing or good rows only."]);
        if (errors.Count > 0) return OperationResult.Fail([.. errors]);
        var columns = ImportColumns.ToJson(targets);
        if (columns != import.Columns || key != import.Key) (import.CheckedRows, import.CheckedBadRows) = (null, null);
        (import.Columns, import.Key, import.Mode) = (columns, key, mode);
        var mapping = ImportColumns.ToMappingJson(header, targets);
        var saved = await db.MemberImportMappings.FirstOrDefaultAsync(m => m.SourceName == import.SourceName, ct);
        if (saved is null) db.MemberImportMappings.Add(new MemberImportMapping { SourceName = import.SourceName, Mapping = mapping, UpdatedAt = Now });
        else if (saved.Mapping != mapping) (saved.Mapping, saved.UpdatedAt) = (mapping, Now);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>Queues the dry run or the import. All or nothing starts only after a dry run of the current mapping without bad rows.</summary>
    public async Task<OperationResult> StartAsync(Guid id, bool dryRun, CancellationToken ct = default)
    {
        var import = await db.MemberImports.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (import is null) return OperationResult.Fail(l["This import does not exist."]);
        if (import.State is ImportState.Checking or ImportState.Importing) return OperationResult.Fail(l["The import is running; wait until it has finished."]);
        if (!dryRun && import.Mode == ImportMode.AllOrNothing && import.CheckedBadRows != 0)
            return OperationResult.Fail(import.CheckedBadRows is null
                ? l["All or nothing: run the dry run first; the import starts only after one without bad rows."]
                : l["All or nothing: the dry run found bad rows; correct the file or import only the good rows."]);
        if (!File.Exists(files.PathOf(import.FileSha256))) return OperationResult.Fail(l["The uploaded file is no longer there or has changed; upload it again."]);
        var job = await db.EnqueueAsync(MemberImportJob.JobKind, new MemberImportJob.Payload(id, dryRun), Now, ct: ct);
        job.MaxAttempts = 3;
        (import.JobId, import.State, import.LastCommittedRow, import.Error) = (job.Id, dryRun ? ImportState.Checking : ImportState.Importing, 0, null);
        await db.SaveChangesAsync(ct);
        return OperationResult.Ok;
    }

    /// <summary>The first rows as they would be stored, with what each shows wrong on its own (duplicates and the register are the dry run's).</summary>
    public async Task<List<PreviewRow>> PreviewAsync(MemberImport import, int count = 10, CancellationToken ct = default)
    {
        var path = files.PathOf(import.FileSha256);
        if (!File.Exists(path)) return [];
        var rows = new ImportRows(ImportColumns.FromJson(import.Columns), await db.MembershipPlans.AsNoTracking().ToListAsync(ct),
            await db.CustomFields.AsNoTracking().ToListAsync(ct), DateOnly.FromDateTime(Now), l);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var preview = new List<PreviewRow>();
        foreach (var record in CsvReader.Open(stream).ReadRecords().Take(count))
        {
            var row = rows.Read(record);
            var draft = rows.Check(row, null);
            preview.Add(new PreviewRow(row.Row, draft, row.Problems));
        }
        return preview;
    }

    private async Task<List<string>> CustomFieldNamesAsync(CancellationToken ct) => await db.CustomFields.AsNoTracking().Select(f => f.Name).ToListAsync(ct);
}

internal static class MemberImportModule
{
    public static IServiceCollection AddMemberImport(this IServiceCollection services) => services
        .AddSingleton<MemberImportFiles>()
        .AddScoped<MemberImports>()
        .AddScoped<MemberImportRun>()
        .AddScoped<IJobHandler, MemberImportJob>();
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RightHand.Formats.Csv;
using RightHand.Platform.Database;

namespace RightHand.Members.Import;

/// <summary>
/// Runs a dry run or an import of one uploaded file, streaming it in chunks of <see cref="ChunkSize"/> rows: memory
/// holds one chunk and a compact set of hashes of the numbers and e-mails seen (for duplicates within the file).
/// In "good rows" mode each chunk commits on its own, together with the import's counters and the last row it
/// covered, so a crashed run continues after that row. In "all or nothing" mode the whole file is one transaction
/// that commits only when no row was rejected.
/// </summary>
internal sealed class MemberImportRun(AppDb db, TimeProvider clock, IStringLocalizer<Texts> l)
{
    public const int ChunkSize = 5000;
    /// <summary>Problems kept for the page and the download; beyond them only the count grows.</summary>
    public const int MaxStoredProblems = 100_000;

    /// <summary>Called after each committed chunk with its last row; a test throws here to play a crash.</summary>
    internal Func<int, Task>? AfterChunk { get; set; }

    private DateTime now;
    private MemberImport import = default!;
    private ImportRows reader = default!;
    private string prefix = "";
    private readonly Dictionary<ulong, int> numbersSeen = [];
    private readonly Dictionary<ulong, int> emailsSeen = [];
    /// <summary>The register held no member when this run started, and every member since is one it created (up to <see cref="lastCreated"/>).</summary>
    private bool onlyOwnMembers;
    private long? lastCreated;

    /// <summary>
    /// Checks every row (dry run) or writes the good ones. <paramref name="path"/> must hold the bytes the import
    /// was uploaded with. Returns the import: its counts and problems are the report; when it could not start or
    /// all or nothing refused, its state is <see cref="ImportState.Failed"/> with the reason in <see cref="MemberImport.Error"/>.
    /// </summary>
    public async Task<MemberImport> RunAsync(Guid importId, string path, bool dryRun, Func<int, Task>? progress, CancellationToken ct)
    {
        now = clock.GetUtcNow().UtcDateTime;
        import = await db.MemberImports.SingleAsync(i => i.Id == importId, ct);
        var resuming = !dryRun && import.Mode == ImportMode.GoodRows && import.State == ImportState.Importing && import.LastCommittedRow > 0;
        if (!dryRun && import.Mode == ImportMode.AllOrNothing && import.CheckedBadRows != 0)
            return await FailAsync(import.CheckedBadRows is null
                ? l["All or nothing: run the dry run first; the import starts only after one without bad rows."]
                : l["All or nothing: the dry run found bad rows; correct the file or import only the good rows."], ct);
        if (!File.Exists(path) || await MemberImportFiles.HashAsync(path, ct) != import.FileSha256)
            return await FailAsync(l["The uploaded file is no longer there or has changed; upload it again."], ct);

        if (!resuming)
        {
            await db.MemberImportProblems.Where(p => p.ImportId == importId).ExecuteDeleteAsync(ct);
            (import.Created, import.Updated, import.Unchanged, import.Rejected, import.ProblemCount, import.LastCommittedRow) = (0, 0, 0, 0, 0, 0);
            if (dryRun) (import.CheckedRows, import.CheckedBadRows) = (null, null);
        }
        onlyOwnMembers = !resuming && !await db.Members.AnyAsync(ct);
        lastCreated = null;
        import.State = dryRun ? ImportState.Checking : ImportState.Importing;
        (import.Error, import.FinishedAt) = (null, null);
        await db.SaveChangesAsync(ct);

        var plans = await db.MembershipPlans.AsNoTracking().ToListAsync(ct);
        var fields = await db.CustomFields.AsNoTracking().ToListAsync(ct);
        prefix = (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == MemberRegister.PrefixSetting, ct))?.Value ?? MemberRegister.DefaultPrefix;
        var targets = ImportColumns.FromJson(import.Columns);
        reader = new ImportRows(targets, plans, fields, DateOnly.FromDateTime(now), l);

        await db.Database.OpenConnectionAsync(ct);
        // SQLite's page cache is 2 MB by default; a million rows go into nine indexes of the members table, and with
        // the upper levels of those indexes in memory each insert stops reading pages back from disk.
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -16384", ct);
        try
        {
            return dryRun ? await CheckAsync(path, progress, ct) : await ImportAsync(path, progress, ct);
        }
        finally
        {
            // The connection goes back to the pool: its next user gets the usual cache.
            if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<MemberImport> CheckAsync(string path, Func<int, Task>? progress, CancellationToken ct)
    {
        int rows = 0, bad = 0;
        await foreach (var (chunk, percent) in ChunksAsync(path, 0, ct))
        {
            var (_, _, rejected) = await SortAsync(chunk, tracked: false, ct);
            rows += chunk.Count;
            bad += rejected.Count;
            AddProblems(rejected);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            db.MemberImports.Attach(import);
            if (progress is not null) await progress(percent);
        }
        (import.CheckedRows, import.CheckedBadRows, import.State, import.FinishedAt) = (rows, bad, ImportState.Checked, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return import;
    }

    private async Task<MemberImport> ImportAsync(string path, Func<int, Task>? progress, CancellationToken ct)
    {
        var allOrNothing = import.Mode == ImportMode.AllOrNothing;
        using var writer = new NewMemberRows(db);
        var whole = allOrNothing ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await foreach (var (chunk, percent) in ChunksAsync(path, import.LastCommittedRow, ct))
            {
                await using var transaction = allOrNothing ? null : await db.Database.BeginTransactionAsync(ct);
                // The same lock as a member created by hand, taken before the rows are sorted: while this chunk is
                // decided and written nobody else draws a number (SQLite's write transaction does that by itself).
                if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7210)", ct);
                var (creates, updates, rejected) = await SortAsync(chunk, tracked: true, ct);
                if (allOrNothing && rejected.Count > 0)
                {
                    // Something changed since the clean dry run (another member took an e-mail): nothing is written.
                    await whole!.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    import = await db.MemberImports.SingleAsync(i => i.Id == import.Id, ct);
                    (import.Created, import.Updated, import.Unchanged, import.Rejected, import.ProblemCount) = (0, 0, 0, rejected.Count, 0);
                    AddProblems(rejected);
                    return await FailAsync(l["Nothing was imported: rows were rejected that the dry run had accepted. Run the dry run again."], ct);
                }
                await ApplyUpdatesAsync(updates, ct);
                await WriteCreatesAsync(writer, creates, chunk, ct);
                import.Rejected += rejected.Count;
                AddProblems(rejected);
                import.LastCommittedRow = chunk[^1].Row;
                await db.SaveChangesAsync(ct);
                if (transaction is not null) await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                db.MemberImports.Attach(import);
                if (AfterChunk is not null) await AfterChunk(import.LastCommittedRow);
                // With the whole file in one SQLite transaction, another connection could not write the progress.
                if (progress is not null && (!allOrNothing || db.IsPostgres)) await progress(percent);
            }
            (import.State, import.FinishedAt) = (ImportState.Done, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            if (whole is not null) await whole.CommitAsync(ct);
            return import;
        }
        finally
        {
            if (whole is not null) await whole.DisposeAsync();
        }
    }

    /// <summary>Reads the file in chunks; rows up to <paramref name="after"/> were committed before and only fill the duplicate sets.</summary>
    private async IAsyncEnumerable<(List<ImportRow> Rows, int Percent)> ChunksAsync(string path, int after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        numbersSeen.Clear();
        emailsSeen.Clear();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var csv = CsvReader.Open(stream);
        var chunk = new List<ImportRow>(ChunkSize);
        int Percent() => stream.Length == 0 ? 100 : (int)(stream.Position * 100 / stream.Length);
        foreach (var record in csv.ReadRecords())
        {
            ct.ThrowIfCancellationRequested();
            var row = reader.Read(record);
            if (row.Row <= after)
            {
                NoteKeys(row, report: false);
                continue;
            }
            chunk.Add(row);
            if (chunk.Count == ChunkSize)
            {
                yield return (chunk, Percent());
                chunk = new List<ImportRow>(ChunkSize);
            }
        }
        if (chunk.Count > 0) yield return (chunk, 100);
    }

    /// <summary>Decides for each row of a chunk: create, update (with the member it updates), or reject (its problems listed).</summary>
    private async Task<(List<(ImportRow Row, MemberDraft Draft)> Creates, List<(ImportRow Row, MemberDraft Draft, Member Member)> Updates, List<ImportRow> Rejected)>
        SortAsync(List<ImportRow> chunk, bool tracked, CancellationToken ct)
    {
        var numbers = chunk.Where(r => r.Number is not null).Select(r => r.Number!).Distinct().ToList();
        var emails = chunk.Select(r => r.EmailKey).Where(e => e is not null).Select(e => e!).Distinct().ToList();
        // One parameter holding the list (json_each on SQLite, an array on PostgreSQL): EF's default of one
        // parameter per value makes a new statement of thousands of parameters for every chunk.
        var members = tracked ? db.Members : db.Members.AsNoTracking();
        var existing = numbers.Count == 0 ? [] : await members.Where(m => EF.Parameter(numbers).Contains(m.Number)).ToListAsync(ct);
        if (emails.Count > 0 && !await OnlyOwnMembersAsync(ct)) existing.AddRange(await members.Where(m => EF.Parameter(emails).Contains(m.EmailKey)).ToListAsync(ct));
        existing = existing.DistinctBy(m => m.Id).ToList();
        var byNumber = existing.ToDictionary(m => m.Number, StringComparer.Ordinal);
        var byEmail = existing.ToDictionary(m => m.EmailKey, StringComparer.Ordinal);
        var creates = new List<(ImportRow, MemberDraft)>();
        var updates = new List<(ImportRow, MemberDraft, Member)>();
        var rejected = new List<ImportRow>();
        foreach (var row in chunk)
        {
            var member = import.Key == ImportKey.Number
                ? row.Number is { } n ? byNumber.GetValueOrDefault(n) : null
                : row.EmailKey is { } e ? byEmail.GetValueOrDefault(e) : null;
            if (row.Number is { } number && member is null)
                row.Add(MemberColumns.Number, l["Member number: no member has the number {0}; leave the cell empty to create a new member.", number]);
            else if (row.Number is { } other && member is not null && other != member.Number)
                row.Add(MemberColumns.Number, l["Member number: the member with this e-mail has the number {0}.", member.Number]);
            NoteKeys(row, report: true);
            var draft = reader.Check(row, member);
            if (row.Problems.All(p => p.Field != MemberColumns.Email) && draft.Email is { } email
                && byEmail.TryGetValue(email.Trim().ToLowerInvariant(), out var owner) && owner != member)
                row.Add(MemberColumns.Email, l["E-mail: another member has this address already."]);
            if (row.Problems.Count > 0) rejected.Add(row);
            else if (member is null) creates.Add((row, draft));
            else updates.Add((row, draft, member));
        }
        return (creates, updates, rejected);
    }

    /// <summary>
    /// True while every member in the register is one this run created: then an e-mail of the file can only belong
    /// to an earlier row, which the duplicate check reports, and looking the chunk's e-mails up is skipped. On
    /// PostgreSQL those lookups were a quarter of a million-row import into an empty register (bench/RESULTS.md §5).
    /// Someone else adding a member ends it for the rest of the run; the number lock and SQLite's write transaction
    /// keep anyone from adding one between this check and the chunk's commit.
    /// </summary>
    private async Task<bool> OnlyOwnMembersAsync(CancellationToken ct)
    {
        if (!onlyOwnMembers) return false;
        onlyOwnMembers = await db.Members.MaxAsync(m => (long?)m.Sequence, ct) == lastCreated;
        return onlyOwnMembers;
    }

    /// <summary>Remembers the row's number and e-mail; a later row with the same one is a duplicate within the file.</summary>
    private void NoteKeys(ImportRow row, bool report)
    {
        if (row.Number is { } number && !numbersSeen.TryAdd(Hash(number), row.Row) && report)
            row.Add(MemberColumns.Number, l["Member number: row {0} has the same number.", numbersSeen[Hash(number)]]);
        if (row.EmailKey is { } email && !emailsSeen.TryAdd(Hash(email), row.Row) && report)
            row.Add(MemberColumns.Email, l["E-mail: row {0} has the same address.", emailsSeen[Hash(email)]]);
    }

    /// <summary>
    /// Updates go through tracked entities, so the audit trail records each changed field old → new as for an edit
    /// by hand. A row that changes nothing counts as unchanged and writes nothing: that makes a replayed row harmless.
    /// </summary>
    private async Task ApplyUpdatesAsync(List<(ImportRow Row, MemberDraft Draft, Member Member)> updates, CancellationToken ct)
    {
        if (updates.Count == 0) return;
        var ids = updates.Select(u => u.Member.Id).ToList();
        var tags = updates.Any(u => u.Row.Tags.Count > 0)
            ? (await db.MemberTags.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.MemberId)).ToListAsync(ct)).ToLookup(t => t.MemberId, t => t.Tag) : null;
        var custom = updates.Any(u => u.Row.Custom.Count > 0)
            ? (await db.CustomFieldValues.Where(v => EF.Parameter(ids).Contains(v.MemberId)).ToListAsync(ct)).ToLookup(v => v.MemberId) : null;
        foreach (var (row, draft, member) in updates)
        {
            var updatedAt = member.UpdatedAt;
            MemberRegister.Fill(member, draft, now);
            member.UpdatedAt = updatedAt;
            var changed = false;
            if (draft.Status != member.Status)
            {
                db.MemberStatusChanges.Add(new MemberStatusChange { MemberId = member.Id, From = member.Status, To = draft.Status, At = now, By = import.StartedBy });
                (member.Status, member.StatusSince) = (draft.Status, now);
                changed = true;
            }
            var had = tags?[member.Id].ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            foreach (var tag in row.Tags.Where(t => !had.Contains(t)))
            {
                db.MemberTags.Add(MemberTag.Of(member, tag));
                changed = true;
            }
            foreach (var (field, value) in row.Custom)
            {
                var current = custom?[member.Id].FirstOrDefault(v => v.FieldId == field);
                if (current is null) db.CustomFieldValues.Add(new CustomFieldValue { MemberId = member.Id, FieldId = field, Value = value });
                else if (current.Value != value) current.Value = value;
                else continue;
                changed = true;
            }
            var entry = db.Entry(member);
            entry.DetectChanges();
            if (!changed && entry.State == EntityState.Unchanged)
            {
                import.Unchanged++;
                continue;
            }
            member.UpdatedAt = now;
            MemberEvents.Add(db, member, draft.Status == MemberStatus.Cancelled && entry.Property(m => m.Status).IsModified ? MemberEventKind.Cancelled : MemberEventKind.Updated, now);
            import.Updated++;
        }
    }

    /// <summary>
    /// New members get a block of consecutive numbers. Their creation is audited as one entry per chunk naming the
    /// import, the rows and the numbers, without personal values: a million entries with every field would dwarf the
    /// data and the audit page, and the file itself is the record of what came in.
    /// </summary>
    private async Task WriteCreatesAsync(NewMemberRows writer, List<(ImportRow Row, MemberDraft Draft)> creates, List<ImportRow> chunk, CancellationToken ct)
    {
        if (creates.Count == 0) return;
        var next = (await db.Members.MaxAsync(m => (long?)m.Sequence, ct) ?? MemberRegister.FirstSequence - 1) + 1;
        var rows = new List<NewMember>(creates.Count);
        foreach (var (row, draft) in creates)
        {
            var sequence = next++;
            var member = new Member
            {
                Sequence = sequence, Number = prefix + sequence.ToString(CultureInfo.InvariantCulture), LastName = "", Email = "", EmailKey = "",
                Status = draft.Status, StatusSince = now, CreatedAt = now,
            };
            MemberRegister.Fill(member, draft, now);
            rows.Add(new NewMember(member, new MemberStatusChange { MemberId = member.Id, To = draft.Status, At = now, By = import.StartedBy },
                row.Tags, row.Custom, new MemberEvent { MemberId = member.Id, Number = member.Number, Kind = MemberEventKind.Created, At = now }));
        }
        await writer.WriteAsync(rows, ct);
        lastCreated = rows[^1].Member.Sequence;
        import.Created += rows.Count;
        db.Audit.Record("members_imported", "Members", nameof(MemberImport), import.Id.ToString(), new Dictionary<string, string?>
        {
            ["Source"] = import.SourceName,
            ["Rows"] = $"{chunk[0].Row}-{chunk[^1].Row}",
            ["Created"] = rows.Count.ToString(CultureInfo.InvariantCulture),
            ["Numbers"] = $"{rows[0].Member.Number} - {rows[^1].Member.Number}",
        });
    }

    private void AddProblems(List<ImportRow> rejected)
    {
        foreach (var row in rejected)
            foreach (var problem in row.Problems)
            {
                if (import.ProblemCount++ >= MaxStoredProblems) continue;
                db.MemberImportProblems.Add(new MemberImportProblem
                {
                    ImportId = import.Id, Row = row.Row, Field = problem.Field, Message = problem.Message.Length > 1000 ? problem.Message[..1000] : problem.Message,
                });
            }
    }

    private async Task<MemberImport> FailAsync(string reason, CancellationToken ct)
    {
        (import.State, import.Error, import.FinishedAt) = (ImportState.Failed, reason, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return import;
    }

    /// <summary>64-bit FNV-1a: a million keys collide with a chance of about one in thirty million.</summary>
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Members;
using RightHand.Members.Import;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Import;

/// <summary><c>righthand import members</c>: report, exit codes, upserts, and an import that crashed and is run again.</summary>
[Collection(CommandLineGroup.Name)]
public sealed class ImportCommandTests
{
    private const string Header = "Member number,First name,Last name,Email,Postcode,Country,Status";

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task Import_UpsertsByNumberAndByEmail_AndCountsCreatedUpdatedUnchanged(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var first = ImportFiles.Write(Csv(",Anna,Berg,anna@example.org,10115,DE,active", ",Ben,Kurz,ben@example.org,20095,DE,active"));
        var created = await CommandLine.RunAsync(app, "import", "members", first);
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("Created 2, updated 0, unchanged 0, rejected 0.", created.Output, StringComparison.Ordinal);

        // By number: Anna moves, Ben stays as he is.
        var byNumber = ImportFiles.Write(Csv("M-10001,Anna,Berg,anna@example.org,80331,DE,paused", "M-10002,Ben,Kurz,ben@example.org,20095,DE,active"));
        var updated = await CommandLine.RunAsync(app, "import", "members", byNumber, "--key", "number");
        Assert.Contains("Created 0, updated 1, unchanged 1, rejected 0.", updated.Output, StringComparison.Ordinal);
        // By e-mail, ignoring case: Ben gets a first name change, a new member joins.
        var byEmail = ImportFiles.Write(Csv(",Benjamin,Kurz,BEN@example.org,20095,DE,active", ",Clara,Lang,clara@example.org,04109,DE,prospect"));
        var upserted = await CommandLine.RunAsync(app, "import", "members", byEmail, "--key", "email");
        Assert.Equal(0, upserted.ExitCode);
        Assert.Contains("Created 1, updated 1, unchanged 0, rejected 0.", upserted.Output, StringComparison.Ordinal);

        var members = await ImportFiles.QueryAsync(app, db => db.Members.AsNoTracking().OrderBy(m => m.Sequence).Select(m => new { m.Number, m.FirstName, m.Postcode, m.Status }).ToListAsync());
        Assert.Equal(["M-10001 Anna 80331 Paused", "M-10002 Benjamin 20095 Active", "M-10003 Clara 04109 Prospect"],
            members.Select(m => $"{m.Number} {m.FirstName} {m.Postcode} {m.Status}"));
        // The update went through the normal audit (old → new); the events tell the webhooks.
        // The values are sealed under the member's data key (GDPR); opened, the change reads old → new.
        var audit = await ImportFiles.QueryAsync(app, async db =>
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "Member" && e.Action == "updated").ToListAsync();
            var keys = await RightHand.Audit.AuditChanges.KeysForAsync(db, entries);
            return entries.SelectMany(e => RightHand.Audit.AuditChanges.Read(e.Changes, keys)).ToList();
        });
        Assert.Contains(audit, c => c is { Field: "Postcode", Old: "10115", New: "80331" });
        Assert.Equal(5, await ImportFiles.QueryAsync(app, db => db.MemberEvents.CountAsync()));
        Assert.Equal(0, (await CommandLine.RunCapturedAsync(["audit", "verify", .. Target(app)])).Code);
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task BadRows_ExitWithOne_AndReportRowFieldReason_AllOrNothingWritesNothing(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var file = ImportFiles.Write(Csv(",Anna,Berg,anna@example.org,10115,DE,active", ",Ben,Kurz,ben@example,20095,DE,active", "M-99999,Clara,Lang,clara@example.org,04109,DE,"));

        var all = await CommandLine.RunCapturedAsync(["import", "members", file, "--all-or-nothing", .. Target(app)]);
        Assert.Equal(1, all.Code);
        Assert.Contains("Dry run: 3 rows checked, 2 bad.", all.Output, StringComparison.Ordinal);
        Assert.Contains("All or nothing: nothing was imported.", all.Output, StringComparison.Ordinal);
        Assert.Contains("row 3, email: E-mail: enter a valid address such as name@example.org.", all.Output, StringComparison.Ordinal);
        Assert.Contains("row 4, number: Member number: no member has the number M-99999", all.Output, StringComparison.Ordinal);
        Assert.Equal(0, await ImportFiles.MemberCountAsync(app));

        var dry = await CommandLine.RunCapturedAsync(["import", "members", file, "--dry-run", .. Target(app)]);
        Assert.Equal(1, dry.Code);
        Assert.Equal(0, await ImportFiles.MemberCountAsync(app));

        var good = await CommandLine.RunCapturedAsync(["import", "members", file, .. Target(app)]);
        Assert.Equal(1, good.Code);
        Assert.Contains("Created 1, updated 0, unchanged 0, rejected 2.", good.Output, StringComparison.Ordinal);
        Assert.Equal(1, await ImportFiles.MemberCountAsync(app));
    }

    [Fact]
    public async Task UnusableInput_ExitsWithTwo()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, ImportFiles.NoBackgroundJobs);
        var missing = await CommandLine.RunCapturedAsync(["import", "members", "/nonexistent/members.csv", .. Target(app)]);
        Assert.Equal(2, missing.Code);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        var mapping = ImportFiles.Write("[\"not an object\"]"u8.ToArray());
        var badMapping = await CommandLine.RunCapturedAsync(["import", "members", ImportFiles.Write(Csv()), "--mapping", mapping, .. Target(app)]);
        Assert.Equal(2, badMapping.Code);
        Assert.Contains("must hold a JSON object", badMapping.Error, StringComparison.Ordinal);

        var binary = await CommandLine.RunCapturedAsync(["import", "members", ImportFiles.Write([0, 1, 2, 3, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0]), .. Target(app)]);
        Assert.Equal(2, binary.Code);

        var good = ImportFiles.Write("Kundennr;Familienname;Adresse E-Mail\n7;Berg;berg@example.org\n"u8.ToArray());
        var mapped = ImportFiles.Write("{\"Familienname\": \"last_name\", \"Adresse E-Mail\": \"email\"}"u8.ToArray());
        var withMapping = await CommandLine.RunCapturedAsync(["import", "members", good, "--mapping", mapped, .. Target(app)]);
        Assert.True(withMapping.Code == 0, withMapping.Output + withMapping.Error);
        Assert.Equal("Berg", await ImportFiles.QueryAsync(app, db => db.Members.Select(m => m.LastName).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ImportThatCrashedAfterTheFirstChunk_ContinuesAfterIt_WithoutDuplicates(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var rows = Enumerable.Range(1, MemberImportRun.ChunkSize + 1200).Select(i => $",Vorname{i},Nachname{i},m{i}@example.org,10115,DE,active").ToList();
        rows[MemberImportRun.ChunkSize + 10] = ",Kaputt,Zeile,kein-at,10115,DE,active";
        var path = ImportFiles.Write(Csv([.. rows]));
        Guid id;
        await using (var scope = app.Scope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<MemberImports>();
            var (_, import) = await imports.OpenAsync(path, await MemberImportFiles.HashAsync(path, default), "crash.csv", "test", null, null);
            id = import!.Id;
            var run = scope.ServiceProvider.GetRequiredService<MemberImportRun>();
            run.AfterChunk = _ => throw new IOException("the machine lost power");
            await Assert.ThrowsAsync<IOException>(() => run.RunAsync(id, path, dryRun: false, null, default));
        }
        var afterCrash = await ImportFiles.QueryAsync(app, db => db.MemberImports.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((ImportState.Importing, MemberImportRun.ChunkSize + 1, MemberImportRun.ChunkSize), (afterCrash.State, afterCrash.LastCommittedRow, afterCrash.Created));
        Assert.Equal(MemberImportRun.ChunkSize, await ImportFiles.MemberCountAsync(app));

        await using (var scope = app.Scope())
        {
            var done = await scope.ServiceProvider.GetRequiredService<MemberImportRun>().RunAsync(id, path, dryRun: false, null, default);
            Assert.Equal((ImportState.Done, MemberImportRun.ChunkSize + 1199, 0, 1), (done.State, done.Created, done.Updated, done.Rejected));
        }
        Assert.Equal(MemberImportRun.ChunkSize + 1199, await ImportFiles.MemberCountAsync(app));
        Assert.Equal(MemberImportRun.ChunkSize + 1199, await ImportFiles.QueryAsync(app, db => db.Members.Select(m => m.EmailKey).Distinct().CountAsync()));
        Assert.Equal(MemberImportRun.ChunkSize + 1199, await ImportFiles.QueryAsync(app, db => db.MemberEvents.CountAsync()));
        Assert.Equal("M-" + (10000 + MemberImportRun.ChunkSize + 1199), await ImportFiles.QueryAsync(app, db => db.Members.OrderByDescending(m => m.Sequence).Select(m => m.Number).FirstAsync()));

        // Run once more with the whole file: every row finds its member unchanged.
        await using (var scope = app.Scope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<MemberImports>();
            await imports.SetOptionsAsync(id, ImportColumns.FromJson(afterCrash.Columns), ImportKey.Email, ImportMode.GoodRows);
            var again = await scope.ServiceProvider.GetRequiredService<MemberImportRun>().RunAsync(id, path, dryRun: false, null, default);
            Assert.Equal((0, 0, MemberImportRun.ChunkSize + 1199, 1), (again.Created, again.Updated, again.Unchanged, again.Rejected));
        }
    }

    /// <summary>
    /// An import into an empty register skips looking up its e-mails while every member is its own; a member someone
    /// else adds midway ends that, and an address repeated in a later chunk is still a duplicate.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestApp.Engines), MemberType = typeof(TestApp))]
    public async Task ImportIntoEmptyRegister_RejectsAnAddressSomeoneAddedMidway_AndOneRepeatedInALaterChunk(Engine engine)
    {
        await using var app = await TestApp.StartAsync(engine, ImportFiles.NoBackgroundJobs);
        var rows = Enumerable.Range(1, MemberImportRun.ChunkSize + 100).Select(i => $",Vorname{i},Nachname{i},m{i}@example.org,10115,DE,active").ToList();
        rows[MemberImportRun.ChunkSize + 5] = ",Doppelt,Zeile,M1@example.org,10115,DE,active";
        var taken = $"m{MemberImportRun.ChunkSize + 20}@example.org";
        var path = ImportFiles.Write(Csv([.. rows]));
        await using (var scope = app.Scope())
        {
            var (_, import) = await scope.ServiceProvider.GetRequiredService<MemberImports>().OpenAsync(path, await MemberImportFiles.HashAsync(path, default), "midway.csv", "test", null, null);
            var run = scope.ServiceProvider.GetRequiredService<MemberImportRun>();
            var handAdded = false;
            run.AfterChunk = async _ =>
            {
                if (handAdded) return;
                handAdded = true;
                await using var other = app.Scope();
                var (result, _) = await other.ServiceProvider.GetRequiredService<MemberRegister>().CreateAsync(
                    new MemberDraft(null, "Hand", "Angelegt", null, taken, null, "de", null, "10115", null, "DE", null, null, null, null, MemberStatus.Active), Guid.Empty);
                Assert.True(result.Succeeded);
            };
            var done = await run.RunAsync(import!.Id, path, dryRun: false, null, default);
            Assert.Equal((ImportState.Done, MemberImportRun.ChunkSize + 98, 2), (done.State, done.Created, done.Rejected));
            var problems = await ImportFiles.QueryAsync(app, db => db.MemberImportProblems.AsNoTracking().Where(p => p.ImportId == done.Id).OrderBy(p => p.Row).Select(p => p.Row + " " + p.Message).ToListAsync());
            Assert.Equal([$"{MemberImportRun.ChunkSize + 7} E-mail: row 2 has the same address.", $"{MemberImportRun.ChunkSize + 21} E-mail: another member has this address already."], problems);
        }
        Assert.Equal(MemberImportRun.ChunkSize + 99, await ImportFiles.MemberCountAsync(app));
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n");

    private static string[] Target(TestApp app) => app.PostgresConnectionString() is { } cs ? ["--data-dir", app.DataDirectory, "--database", cs] : ["--data-dir", app.DataDirectory];
}

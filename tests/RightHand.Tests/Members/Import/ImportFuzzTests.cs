using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightHand.Formats.Csv;
using RightHand.Members.Import;
using RightHand.Platform.Database;
using RightHand.Tests.Infrastructure;
using Xunit;

namespace RightHand.Tests.Members.Import;

/// <summary>
/// Ten thousand generated member files, clean and broken (wrong encodings, ragged rows, unbalanced quotes, huge
/// cells, NUL bytes, formula payloads, random bytes), fed to the importer itself: every file through the importer's
/// row reading and checks (mapping guessed from the header, every row read and checked as the dry run does), every
/// fortieth through the whole importer on SQLite (upload record, dry run with the database, an all-or-nothing
/// import). Never an exception, always a report, and an all-or-nothing import either writes every row or none.
/// (The whole importer for all ten thousand takes minutes: every file costs several committed transactions.)
/// </summary>
public sealed class ImportFuzzTests
{
    private static readonly string[] Header = ["Mitgliedsnummer", "Vorname", "Nachname", "E-Mail", "PLZ", "Land", "Geburtsdatum", "Status", "Beitrag"];
    private static readonly string[] Words =
        ["Jürgen", "Weiß", "Zoë", "O'Brien", "Müller; Hans", "say \"hi\"", "zwei\r\nZeilen", "12,50", "1.234,56", "=cmd|' /C calc'!A0", "+49 30 1234", "@SUM(A1)",
         "-2+3", "Straße", "", " ", "東京", "😀", "31.02.2020", "2020-01-01", "03/04/2020", "aktiv", "gekündigt", "M-10001", "Deutschland", "XX", "10115", "1011", "99999999999999999999999999,99", "-5", "1e400"];
    private static readonly char[] Separators = [';', ',', '\t'];

    static ImportFuzzTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private enum Fault { None, Ragged, UnclosedQuote, Nul, HugeField, RawFormula, RandomBytes, SplicedBytes, Truncated }

    [Fact]
    public async Task TenThousandGeneratedFiles_GetAReportEach_AndAllOrNothingNeverWritesPartly()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, ImportFiles.NoBackgroundJobs);
        var random = new Random(20261122);
        var folder = Directory.CreateTempSubdirectory("righthand-import-fuzz-").FullName;
        var clock = Stopwatch.StartNew();
        int unreadable = 0, imported = 0, refused = 0;
        try
        {
            for (var i = 0; i < 10_000; i++)
            {
                var fault = (Fault)random.Next(Enum.GetValues<Fault>().Length);
                var path = Path.Combine(folder, $"{i}.csv");
                await File.WriteAllBytesAsync(path, Generate(random, fault, i));
                var context = $"file {i}, fault {fault}";
                CheckRows(path, context);
                if (i % 40 != 0) continue;
                await using var scope = app.Scope();
                var services = scope.ServiceProvider;
                var (opened, import) = await services.GetRequiredService<MemberImports>().OpenAsync(path, await MemberImportFiles.HashAsync(path, default), "x.csv", "fuzz", null, null);
                if (!opened.Succeeded)
                {
                    Assert.NotEmpty(opened.Errors);
                    unreadable++;
                    continue;
                }
                var run = services.GetRequiredService<MemberImportRun>();
                var report = await run.RunAsync(import!.Id, path, dryRun: true, null, default);
                Assert.True(report.State == ImportState.Checked, context + ": " + report.Error);
                Assert.True(report.CheckedRows >= report.CheckedBadRows && report.ProblemCount >= report.CheckedBadRows, context);

                var db = services.GetRequiredService<AppDb>();
                var before = await db.Members.CountAsync();
                await db.MemberImports.Where(m => m.Id == import.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Mode, ImportMode.AllOrNothing));
                db.ChangeTracker.Clear();
                var result = await run.RunAsync(import.Id, path, dryRun: false, null, default);
                var after = await db.Members.CountAsync();
                if (result.State == ImportState.Done)
                {
                    Assert.Equal(0, result.Rejected);
                    Assert.Equal(before + result.Created, after);
                    imported++;
                }
                else
                {
                    Assert.Equal(ImportState.Failed, result.State);
                    Assert.False(string.IsNullOrEmpty(result.Error), context);
                    Assert.Equal(before, after);
                    refused++;
                }
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
        // Each path was taken: unreadable files, clean all-or-nothing imports, and refused ones.
        Assert.True(unreadable > 5 && imported > 10 && refused > 50, $"unreadable {unreadable}, imported {imported}, refused {refused}");
        // A guard against a hang (a reader looping on some input), not a speed target: those live in bench/.
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"took {clock.Elapsed}");
    }

    /// <summary>The importer's reading and checking of every row, without the database: each row is good or has reasons.</summary>
    private static void CheckRows(string path, string context)
    {
        using var stream = File.OpenRead(path);
        var csv = CsvReader.Open(stream);
        if (csv.IsUnreadable)
        {
            Assert.NotEmpty(csv.Problems);
            return;
        }
        var targets = ImportColumns.Propose(csv.Header, null, []);
        var rows = new ImportRows(targets, [], [], new DateOnly(2026, 11, 22), new PassThroughLocalizer());
        foreach (var record in csv.ReadRecords())
        {
            var row = rows.Read(record);
            rows.Check(row, null);
            if (!record.IsValid) Assert.True(row.Problems.Count > 0, context);
            Assert.All(row.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message), context));
        }
    }

    private static byte[] Generate(Random random, Fault fault, int file)
    {
        var separator = Separators[random.Next(Separators.Length)];
        if (fault == Fault.RandomBytes)
        {
            var noise = new byte[random.Next(0, 3000)];
            random.NextBytes(noise);
            return noise;
        }
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        var csv = new CsvWriter(text, separator);
        csv.WriteRow(Header);
        var count = random.Next(1, 12);
        var faultRow = random.Next(count);
        for (var r = 0; r < count; r++)
        {
            // Mostly believable rows, so that clean files exist and import; some cells from the list of trouble.
            string[] cells = ["", $"Vorname{r}", $"Nachname{file}", $"m{file}-{r}@example.org", "10115", "DE", "01.02.1980", "aktiv", "12,50"];
            for (var c = 0; c < cells.Length; c++)
                if (fault != Fault.None && random.Next(6) == 0) cells[c] = Words[random.Next(Words.Length)];
            if (r == faultRow && fault == Fault.HugeField) cells[2] = new string('x', 70_000);
            if (r == faultRow && fault == Fault.Nul) cells[1] = "a\0b";
            var written = r == faultRow && fault == Fault.Ragged ? cells[..^random.Next(1, 4)] : cells;
            if (r == faultRow && fault == Fault.RawFormula) text.Write("=cmd|' /C calc'!A0" + separator);
            csv.WriteRow(written);
        }
        if (fault == Fault.UnclosedQuote) text.Write($"M-9{separator}\"never closed{separator}x\r\nmore");
        var encoding = random.Next(5) switch
        {
            0 => Encoding.GetEncoding(1252),
            1 => Encoding.Unicode,
            2 => new UTF8Encoding(true),
            _ => new UTF8Encoding(false),
        };
        var bytes = (byte[])[.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
        if (fault == Fault.SplicedBytes && bytes.Length > 0)
        {
            var start = random.Next(bytes.Length);
            random.NextBytes(bytes.AsSpan(start, Math.Min(50, bytes.Length - start)));
        }
        if (fault == Fault.Truncated) bytes = bytes[..random.Next(bytes.Length + 1)];
        return bytes;
    }
}
